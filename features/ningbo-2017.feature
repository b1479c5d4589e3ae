# language: zh-CN
功能: 宁波市全面改造提升传统制造业实施方案(2017-2020年)的支持措施
  作为宁波市的传统制造业企业
  我要知道方案中我可以申请的每一项措施、它引用的资金政策和责任单位
  以便按专项资金、首台(套)等政策及时申报

  背景:
    假如测算日期为2019-06-30

  场景: 慈溪家电企业得到宁波市措施的完整清单
    假如一家注册在宁波市慈溪市的企业
    而且该企业所属行业为C38
    而且该企业属于“家用电器”领域
    而且该企业是规模以上工业企业
    而且该企业规模为中型企业
    而且该企业于2018-05-01获得市级““亩产效益”综合评价A类企业”
    而且该企业于2018-09-01获得市级“首台(套)重大技术装备”
    而且该企业承担一个“智能化(自动化)改造项目”,2018-03-01立项
    当测算奖励
    那么规则“ningbo.fund.special_funds”的结果为“可申报·需评审”
    而且规则“ningbo.fund.special_funds”的支持方式为“工业和信息化专项资金、“中国制造2025”专项资金支持”
    而且规则“ningbo.fund.special_funds”引用条款“四(三)”
    而且规则“ningbo.finance.quality_enterprise_credit”的结果为“符合”
    而且规则“ningbo.first_set.award”的结果为“符合”
    而且规则“ningbo.first_set.insurance_subsidy”的结果为“符合”
    而且规则“ningbo.advantage_enterprise.key_cultivation”的结果为“可申报·需评审”
    而且规则“ningbo.smart.machine_replacement_pilot”的结果为“符合”
    而且规则“ningbo.sme.specialized_new”的结果为“符合”
    而且规则“ningbo.green.green_manufacturing_support”的结果为“符合”
    而且规则“ningbo.brand.regional_industry_brand”的结果为“符合”
    而且规则“ningbo.ma.overseas_parks_rnd”的结果为“符合”
    而且规则“ningbo.factor.high_output_priority”的结果为“符合”
    而且规则“ningbo.cost.burden_reduction”的结果为“符合”
    而且规则“ningbo.internet.shuangchuang_large_manufacturers”的结果为“不符合”
    而且规则“ningbo.sme.cluster_space”的结果为“不符合”
    而且规则“ningbo.ma.industrial_ma_funds”的结果为“不符合”
    而且规则“ningbo.park.sme_parks”的结果为“不符合”
    而且规则“ningbo.sector.metal_clean_process”的结果为“不符合”
    而且奖励合计为0元
    而且结果中没有宁波市以外的措施

  场景大纲: 九个重点传统制造业适用的措施(ningbo.ma.domestic_overseas、ningbo.standards.public_platforms、ningbo.upgrade.ladder_programme、ningbo.fund.special_funds、ningbo.advantage_enterprise.key_cultivation)
    假如一家注册在宁波市的企业
    而且该企业所属行业为<行业>
    而且该企业不属于任何所列领域
    当测算奖励
    那么规则“ningbo.fund.special_funds”的结果为“<评审结果评审>”
    而且规则“ningbo.advantage_enterprise.key_cultivation”的结果为“<评审结果评审>”
    而且规则“ningbo.standards.lead_participate”的结果为“<结果>”
    而且规则“ningbo.standards.public_platforms”的结果为“<结果>”
    而且规则“ningbo.upgrade.ladder_programme”的结果为“<结果>”
    而且规则“ningbo.ma.domestic_overseas”的结果为“<结果>”

    例子:
      | 行业 | 结果   | 评审结果      | 评审结果评审  |
      | C13  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | C15  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | C17  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | C18  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | C24  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | C25  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | C26  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | C28  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | C29  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | C30  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | C31  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | C32  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | C38  | 不符合 | 不符合        | 不符合        |
      | C39  | 不符合 | 不符合        | 不符合        |
      | I65  | 不符合 | 不符合        | 不符合        |

  场景: 家用电器企业按领域列入传统制造业(ningbo.fund.special_funds)
    假如一家注册在宁波市余姚市的企业
    而且该企业所属行业为C38
    而且该企业属于“家用电器”领域
    当测算奖励
    那么规则“ningbo.fund.special_funds”的结果为“可申报·需评审”
    而且规则“ningbo.standards.lead_participate”的结果为“符合”

  场景: 未填报所属行业和领域时传统制造业措施待确定(ningbo.fund.special_funds)
    假如一家注册在宁波市的企业
    当测算奖励
    那么规则“ningbo.fund.special_funds”的结果为“待确定”
    而且规则“ningbo.fund.special_funds”缺少“所属行业”
    而且规则“ningbo.fund.special_funds”缺少“所属领域”

  场景大纲: 传统制造业优质企业的差别化信贷和要素资源集聚(ningbo.finance.quality_enterprise_credit、ningbo.factor.high_output_priority)
    假如一家注册在宁波市的企业
    而且该企业所属行业为<行业>
    而且该企业不属于任何所列领域
    而且该企业于2018-05-01获得<级别>“<认定>”
    当测算奖励
    那么规则“ningbo.finance.quality_enterprise_credit”的结果为“<信贷>”
    而且规则“ningbo.factor.high_output_priority”的结果为“<要素>”

    例子:
      | 行业 | 级别   | 认定                      | 信贷   | 要素   |
      | C17  | 市级   | “亩产效益”综合评价A类企业 | 符合   | 符合   |
      | C39  | 市级   | “亩产效益”综合评价A类企业 | 不符合 | 符合   |
      | C17  | 国家级 | 高新技术企业              | 不符合 | 不符合 |

  场景大纲: 宁波市自己认定的国内、省内首台(套)产品的奖励和保险补助(ningbo.first_set.award、ningbo.first_set.insurance_subsidy)
    假如一家注册在宁波市的企业
    而且该企业于<日期>获得<级别>“首台(套)重大技术装备”
    当测算奖励
    那么规则“ningbo.first_set.award”的结果为“<结果>”
    而且规则“ningbo.first_set.insurance_subsidy”的结果为“<结果>”

    例子: 国内、省内是首台(套)的范围,认定机关是宁波市(市级);国家、省级部门的认定不是本条的认定
      | 日期       | 级别   | 结果   |
      | 2018-03-01 | 市级   | 符合   |
      | 2018-03-01 | 国家级 | 不符合 |
      | 2018-03-01 | 省级   | 不符合 |
      | 2017-10-30 | 市级   | 不符合 |
      | 2017-10-31 | 市级   | 符合   |

  场景大纲: 首台(套)认定须在施行期内,测算日期也须在施行期内(ningbo.first_set.award)
    假如测算日期为<测算日期>
    而且一家注册在宁波市的企业
    而且该企业于<认定日期>获得市级“首台(套)重大技术装备”
    当测算奖励
    那么规则“ningbo.first_set.award”的结果为“<结果>”

    例子:
      | 测算日期   | 认定日期   | 结果           |
      | 2020-12-31 | 2020-12-31 | 符合           |
      | 2020-12-31 | 2017-10-30 | 不符合         |
      | 2021-01-01 | 2020-12-31 | 不在政策施行期 |

  场景: 首台(套)认定的复核不是新认定(ningbo.first_set.award)
    假如一家注册在宁波市的企业
    而且该企业于2016-05-01获得市级“首台(套)重大技术装备”
    而且该企业于2019-05-01获得市级“首台(套)重大技术装备”(复核、续期)
    当测算奖励
    那么规则“ningbo.first_set.award”的结果为“不符合”

  场景: 两个产品先后获认定,此前认定的产品不影响新认定的产品(ningbo.first_set.award)
    假如一家注册在宁波市的企业
    而且该企业于2016-05-01获得市级“首台(套)重大技术装备”
    而且该企业于2019-05-01获得市级“首台(套)重大技术装备”
    当测算奖励
    那么规则“ningbo.first_set.award”的结果为“符合”
    而且规则“ningbo.first_set.award”有1个称号符合

  场景: 首台(套)奖励引用条款并列出支持方式(ningbo.first_set.award)
    假如一家注册在宁波市的企业
    而且该企业于2019-03-01获得市级“首台(套)重大技术装备”
    当测算奖励
    那么规则“ningbo.first_set.award”引用条款“三(三)”
    而且规则“ningbo.first_set.award”的支持方式为“首台(套)产品奖励(参照智能装备首台(套)产品奖励政策)”
    而且奖励合计为0元

  场景大纲: 优先保障的是重点制造业项目的用地(ningbo.land.priority_supply、ningbo.land.flexible_supply)
    假如一家注册在宁波市的企业
    而且该企业所属行业为<行业>
    而且该企业承担一个“<类别>”,<立项日期>立项
    当测算奖励
    那么规则“ningbo.land.priority_supply”的结果为“<优先保障>”
    而且规则“ningbo.land.flexible_supply”的结果为“<多种供地>”

    例子:
      | 行业 | 类别                             | 立项日期   | 优先保障 | 多种供地 |
      | C38  | 列入省、市重点项目计划的重大项目 | 2018-01-01 | 符合     | 不符合   |
      | F52  | 列入省、市重点项目计划的重大项目 | 2018-01-01 | 不符合   | 不符合   |
      | C38  | 列入省、市重点项目计划的重大项目 | 2017-10-30 | 不符合   | 不符合   |
      | C38  | 列入省、市重点项目计划的重大项目 | 2019-06-30 | 符合     | 不符合   |
      | C38  | 列入省、市重点项目计划的重大项目 | 2019-07-01 | 不符合   | 不符合   |
      | C38  | 新增用地的工业项目               | 2018-01-01 | 不符合   | 符合     |
      | C38  | 技术改造项目                     | 2018-01-01 | 不符合   | 不符合   |

  场景大纲: 工业仓储用地分割转让(ningbo.land.subdivided_transfer)
    假如一家注册在宁波市的<单位>
    当测算奖励
    那么规则“ningbo.land.subdivided_transfer”的结果为“<结果>”

    例子:
      | 单位             | 结果   |
      | 企业             | 符合   |
      | 产业集聚区管委会 | 不符合 |

  场景大纲: 面向全部制造业企业的措施(ningbo.brand.zhejiang_made、ningbo.chain.extension_programmes、ningbo.finance.bank_matchmaking、ningbo.finance.guarantee_and_bridge_loans、ningbo.green.cleaner_production_audit、ningbo.honour.publicity、ningbo.innovation.enterprise_tech_center、ningbo.innovation.industry_innovation_center、ningbo.internet.cloud_programme、ningbo.listing.cultivation_pool、ningbo.management.lean_training、ningbo.quality.excellence_and_benchmark、ningbo.talent.entrepreneur_training、ningbo.talent.programmes)
    假如一家注册在宁波市的企业
    而且该企业所属行业为<行业>
    当测算奖励
    那么规则“ningbo.finance.guarantee_and_bridge_loans”的结果为“<结果>”
    而且规则“ningbo.finance.bank_matchmaking”的结果为“<结果>”
    而且规则“ningbo.innovation.industry_innovation_center”的结果为“<结果>”
    而且规则“ningbo.innovation.enterprise_tech_center”的结果为“<结果>”
    而且规则“ningbo.chain.extension_programmes”的结果为“<结果>”
    而且规则“ningbo.management.lean_training”的结果为“<结果>”
    而且规则“ningbo.quality.excellence_and_benchmark”的结果为“<结果>”
    而且规则“ningbo.brand.zhejiang_made”的结果为“<结果>”
    而且规则“ningbo.internet.cloud_programme”的结果为“<结果>”
    而且规则“ningbo.green.cleaner_production_audit”的结果为“<结果>”
    而且规则“ningbo.listing.cultivation_pool”的结果为“<结果>”
    而且规则“ningbo.talent.programmes”的结果为“<结果>”
    而且规则“ningbo.talent.entrepreneur_training”的结果为“<结果>”
    而且规则“ningbo.honour.publicity”的结果为“<结果>”
    而且规则“ningbo.honour.municipal_green_designations”的结果为“<评审结果评审>”
    而且规则“ningbo.talent.skill_platforms”的结果为“<结果>”

    例子:
      | 行业 | 结果   | 评审结果      | 评审结果评审  |
      | C38  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | C27  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | F52  | 不符合 | 不符合        | 不符合        |
      | I65  | 不符合 | 不符合        | 不符合        |

  场景大纲: 工业企业智能化诊断(ningbo.smart.diagnosis)
    假如一家注册在宁波市的企业
    而且该企业所属行业为<行业>
    当测算奖励
    那么规则“ningbo.smart.diagnosis”的结果为“<结果>”

    例子:
      | 行业 | 结果   |
      | C38  | 符合   |
      | D44  | 符合   |
      | B10  | 符合   |
      | F52  | 不符合 |

  场景大纲: 按项目类别列出的措施
    假如一家注册在宁波市的企业
    而且该企业所属行业为<行业>
    而且该企业承担一个“<类别>”,2019-01-15立项
    当测算奖励
    那么规则“<规则>”的结果为“<结果>”

    例子:
      | 行业 | 类别                                   | 规则                                       | 结果   |
      | C35  | 研发攻关项目(核心技术攻关、新产品开发) | ningbo.innovation.key_technology_programme | 符合   |
      | C35  | 技术改造项目                           | ningbo.innovation.key_technology_programme | 不符合 |
      | C35  | 智能化(自动化)改造项目                 | ningbo.smart.machine_replacement_pilot     | 符合   |
      | C35  | 技术改造项目                           | ningbo.smart.machine_replacement_pilot     | 不符合 |
      | C26  | 节能技术改造项目                       | ningbo.green.energy_saving_projects        | 符合   |
      | C26  | 清洁生产改造示范项目                   | ningbo.green.energy_saving_projects        | 不符合 |
      | C31  | 技术改造项目                           | ningbo.sector.metal_clean_process          | 符合   |
      | C32  | 清洁生产改造示范项目                   | ningbo.sector.metal_clean_process          | 符合   |
      | C26  | 技术改造项目                           | ningbo.sector.metal_clean_process          | 不符合 |
      | C31  | 研发攻关项目(核心技术攻关、新产品开发) | ningbo.sector.metal_clean_process          | 不符合 |

  场景大纲: 服务机构、互联网和电子商务企业(ningbo.chain.service_institutions、ningbo.internet.shuangchuang_local_ict、ningbo.internet.ecommerce_platforms)
    假如一家注册在宁波市的企业
    而且该企业所属行业为<行业>
    而且该企业属于“<领域>”领域
    当测算奖励
    那么规则“<规则>”的结果为“<结果>”

    例子:
      | 行业 | 领域             | 规则                                   | 结果   |
      | F52  | 检验检测认证服务 | ningbo.chain.service_institutions      | 符合   |
      | M74  | 纺织服装         | ningbo.chain.service_institutions      | 符合   |
      | F52  | 纺织服装         | ningbo.chain.service_institutions      | 不符合 |
      | I64  | 纺织服装         | ningbo.internet.shuangchuang_local_ict | 符合   |
      | F52  | 软件和信息服务   | ningbo.internet.shuangchuang_local_ict | 符合   |
      | F52  | 纺织服装         | ningbo.internet.shuangchuang_local_ict | 不符合 |
      | F52  | 电子商务         | ningbo.internet.ecommerce_platforms    | 符合   |
      | F52  | 纺织服装         | ningbo.internet.ecommerce_platforms    | 不符合 |

  场景大纲: 按企业规模列出的措施(ningbo.internet.shuangchuang_large_manufacturers、ningbo.sme.cluster_space、ningbo.sme.specialized_new)
    假如一家注册在宁波市的企业
    而且该企业规模为<规模>
    而且该企业所属行业为<行业>
    而且该企业不属于任何所列领域
    当测算奖励
    那么规则“ningbo.internet.shuangchuang_large_manufacturers”的结果为“<双创平台>”
    而且规则“ningbo.sme.cluster_space”的结果为“<小微空间>”
    而且规则“ningbo.sme.specialized_new”的结果为“<专精特新>”

    例子:
      | 规模     | 行业 | 双创平台 | 小微空间 | 专精特新 |
      | 大型企业 | C17  | 符合     | 不符合   | 不符合   |
      | 大型企业 | C39  | 不符合   | 不符合   | 不符合   |
      | 中型企业 | C17  | 不符合   | 不符合   | 符合     |
      | 小型企业 | C29  | 不符合   | 符合     | 符合     |
      | 微型企业 | I65  | 不符合   | 符合     | 不符合   |

  场景大纲: 服装、家电、化工、金属冶炼企业跨国经营和区域行业品牌(ningbo.ma.overseas_parks_rnd、ningbo.brand.regional_industry_brand)
    假如一家注册在宁波市的企业
    而且该企业所属行业为<行业>
    而且该企业不属于任何所列领域
    当测算奖励
    那么规则“ningbo.ma.overseas_parks_rnd”的结果为“<跨国经营>”
    而且规则“ningbo.brand.regional_industry_brand”的结果为“<区域品牌>”

    例子:
      | 行业 | 跨国经营 | 区域品牌 |
      | C18  | 符合     | 符合     |
      | C26  | 符合     | 不符合   |
      | C32  | 符合     | 不符合   |
      | C17  | 不符合   | 符合     |
      | C24  | 不符合   | 符合     |
      | C39  | 不符合   | 不符合   |

  场景大纲: 上市公司设立产业并购基金(ningbo.ma.industrial_ma_funds)
    假如一家注册在宁波市的企业
    而且该企业于2016-06-01获得国家级“<资质>”
    当测算奖励
    那么规则“ningbo.ma.industrial_ma_funds”的结果为“<结果>”

    例子:
      | 资质                 | 结果   |
      | 境内外证券交易所上市 | 符合   |
      | 高新技术企业         | 不符合 |

  场景大纲: 重点用能企业参与绿色制造体系建设(ningbo.green.green_manufacturing_support)
    假如一家注册在宁波市的企业
    而且该企业<规上>规模以上工业企业
    当测算奖励
    那么规则“ningbo.green.green_manufacturing_support”的结果为“<结果>”

    例子:
      | 规上 | 结果   |
      | 是   | 符合   |
      | 不是 | 不符合 |

  场景: 园区管理机构适用园区类措施
    假如一家注册在宁波市北仑区的产业集聚区管委会
    当测算奖励
    那么规则“ningbo.park.featured_towns_and_parks”的结果为“符合”
    而且规则“ningbo.park.sme_parks”的结果为“符合”
    而且规则“ningbo.park.industrialization_demo_base”的结果为“符合”
    而且规则“ningbo.green.green_manufacturing_support”的结果为“符合”
    而且规则“ningbo.honour.municipal_green_designations”的结果为“可申报·需评审”
    而且规则“ningbo.brand.regional_industry_brand”的结果为“符合”
    而且规则“ningbo.cost.burden_reduction”的结果为“不符合”
    而且结果中没有宁波市以外的措施

  场景: 企业不适用园区类措施
    假如一家注册在宁波市的企业
    当测算奖励
    那么规则“ningbo.park.featured_towns_and_parks”的结果为“不符合”
    而且规则“ningbo.park.industrialization_demo_base”的结果为“不符合”

  场景: 院校可承建技能人才平台(ningbo.talent.skill_platforms)
    假如一家注册在宁波市的事业单位
    当测算奖励
    那么规则“ningbo.talent.skill_platforms”的结果为“符合”

  场景: 其他城市的企业不适用宁波市措施
    假如一家注册在新乡市的企业
    而且该企业所属行业为C17
    而且该企业属于“家用电器”领域
    当测算奖励
    那么规则“ningbo.fund.special_funds”的结果为“不符合”
    而且规则“ningbo.cost.burden_reduction”的结果为“不符合”

  场景大纲: 测算日期在方案施行期之外
    假如测算日期为<测算日期>
    而且一家注册在宁波市的企业
    而且该企业所属行业为C17
    当测算奖励
    那么规则“ningbo.fund.special_funds”的结果为“<评审结果评审>”
    而且规则“ningbo.cost.burden_reduction”的结果为“<结果>”
    而且文件“ningbo-2017”的施行状态为“<状态>”

    例子:
      | 测算日期   | 结果           | 评审结果       | 状态     | 评审结果评审   |
      | 2017-10-30 | 不在政策施行期 | 不在政策施行期 | 尚未施行 | 不在政策施行期 |
      | 2017-10-31 | 符合           | 可申报·需评审  | 施行中   | 可申报·需评审  |
      | 2020-12-31 | 符合           | 可申报·需评审  | 施行中   | 可申报·需评审  |
      | 2021-01-01 | 不在政策施行期 | 不在政策施行期 | 已到期   | 不在政策施行期 |
