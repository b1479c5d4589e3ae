# language: zh-CN
功能: 新乡市建设制造强市三年行动计划(2023—2025年)的支持措施
  作为新乡市的制造业企业
  我要知道行动计划中我可以申请或争取的每一项措施、支持方式和责任单位
  以便对照专项资金和各项培育计划及时申报

  背景:
    假如测算日期为2024-06-30

  场景: 长垣市起重装备龙头企业得到新乡市措施的完整清单
    假如一家注册在新乡市长垣市的企业
    而且该企业所属行业为C34
    而且该企业属于“高端装备制造”领域
    而且该企业不是战略性新兴产业企业
    而且该企业是规模以上工业企业
    而且该企业规模为大型企业
    而且该企业于2023-12-01获得省级“头雁企业”
    而且该企业于2022-05-01获得国家级“单项冠军产品”
    而且该企业承担一个“列入省、市重点项目计划的重大项目”,2024-01-10立项
    当测算奖励
    那么规则“xinxiang.fund.special_fund”的结果为“可申报·需评审”
    而且规则“xinxiang.fund.special_fund”的支持方式为“制造业高质量发展专项资金支持”
    而且规则“xinxiang.fund.special_fund”引用条款“三(八)1”
    而且规则“xinxiang.tax.tax_and_fee_reduction”的结果为“符合”
    而且规则“xinxiang.tax.tax_and_fee_reduction”不向本局申请,而是“向主管税务机关申报享受”
    而且规则“xinxiang.project.lifecycle_service”的结果为“符合”
    而且规则“xinxiang.factor.follows_project”的结果为“符合”
    而且规则“xinxiang.quota.energy_environment”的结果为“符合”
    而且规则“xinxiang.leading.chain_leader_and_head_goose”的结果为“符合”
    而且规则“xinxiang.brand.brand_support”的结果为“符合”
    而且规则“xinxiang.innovation.innovation_consortium”的结果为“符合”
    而且规则“xinxiang.data.industry_data_center”的结果为“符合”
    而且规则“xinxiang.overseas.international_cooperation”的结果为“符合”
    而且规则“xinxiang.gas.large_user_direct_supply”的结果为“符合”
    而且规则“xinxiang.leading.single_champion”的结果为“符合”
    而且规则“xinxiang.sme.specialized_cultivation”的结果为“不符合”
    而且规则“xinxiang.sme.specialized_listing”的结果为“不符合”
    而且规则“xinxiang.sector.emerging_industries”的结果为“不符合”
    而且规则“xinxiang.supply_chain.emergency_platform”的结果为“不符合”
    而且规则“xinxiang.project.three_transformations_pool”的结果为“不符合”
    而且规则“xinxiang.land.quota_guarantee”的结果为“不符合”
    而且规则“xinxiang.park.leading_industry”的结果为“不符合”
    而且奖励合计为0元
    而且结果中没有新乡市以外的措施

  场景大纲: 制造业用地指标保障和“标准地 承诺制”出让(xinxiang.land.quota_guarantee、xinxiang.land.standard_land_commitment)
    假如测算日期为<测算日期>
    而且一家注册在新乡市新乡县的企业
    而且该企业所属行业为<行业>
    而且该企业承担一个“<类别>”,<立项日期>立项
    当测算奖励
    那么规则“xinxiang.land.quota_guarantee”的结果为“<用地指标>”
    而且规则“xinxiang.land.standard_land_commitment”的结果为“<标准地>”

    例子:
      | 测算日期   | 行业 | 类别               | 立项日期   | 用地指标       | 标准地         |
      | 2024-06-30 | C34  | 新增用地的工业项目 | 2024-01-10 | 符合           | 符合           |
      | 2024-06-30 | D44  | 新增用地的工业项目 | 2024-01-10 | 不符合         | 符合           |
      | 2024-06-30 | C34  | 新增用地的工业项目 | 2023-10-23 | 不符合         | 不符合         |
      | 2024-06-30 | C34  | 新增用地的工业项目 | 2023-10-24 | 符合           | 符合           |
      | 2024-06-30 | C34  | 技术改造项目       | 2024-01-10 | 不符合         | 不符合         |
      | 2025-12-31 | C34  | 新增用地的工业项目 | 2025-12-31 | 符合           | 符合           |
      | 2026-01-05 | C34  | 新增用地的工业项目 | 2026-01-02 | 不在政策施行期 | 不在政策施行期 |

  场景大纲: 按项目类别列出的措施(xinxiang.innovation.jiebang_guashuai)
    假如一家注册在新乡市的企业
    而且该企业承担一个“<类别>”,2024-02-01立项
    当测算奖励
    那么规则“xinxiang.project.lifecycle_service”的结果为“<重大项目>”
    而且规则“xinxiang.factor.follows_project”的结果为“<重大项目>”
    而且规则“xinxiang.quota.energy_environment”的结果为“<能耗指标>”
    而且规则“xinxiang.project.three_transformations_pool”的结果为“<三化改造>”
    而且规则“xinxiang.innovation.jiebang_guashuai”的结果为“<揭榜挂帅>”

    例子:
      | 类别                                   | 重大项目 | 能耗指标 | 三化改造 | 揭榜挂帅 |
      | 列入省、市重点项目计划的重大项目       | 符合     | 符合     | 不符合   | 不符合   |
      | 技术改造项目                           | 不符合   | 符合     | 符合     | 不符合   |
      | 新建先进制造业项目                     | 不符合   | 符合     | 不符合   | 不符合   |
      | 节水改造示范项目                       | 不符合   | 不符合   | 符合     | 不符合   |
      | 智能化(自动化)改造项目                 | 不符合   | 不符合   | 符合     | 不符合   |
      | 研发攻关项目(核心技术攻关、新产品开发) | 不符合   | 不符合   | 不符合   | 符合     |

  场景: 未填报项目时项目类措施待确定(xinxiang.project.lifecycle_service)
    假如一家注册在新乡市的企业
    当测算奖励
    那么规则“xinxiang.project.lifecycle_service”的结果为“待确定”
    而且规则“xinxiang.project.lifecycle_service”缺少“承担的项目”
    而且规则“xinxiang.land.quota_guarantee”的结果为“待确定”

  场景大纲: 面向制造业企业的措施(xinxiang.chain.double_chief_service、xinxiang.finance.long_term_financing、xinxiang.innovation.test_scenarios、xinxiang.quality.quality_awards、xinxiang.service_mfg.support、xinxiang.smart.factories_and_benchmarks)
    假如一家注册在新乡市的企业
    而且该企业所属行业为<行业>
    而且该企业不属于任何所列领域
    当测算奖励
    那么规则“xinxiang.fund.special_fund”的结果为“<评审结果评审>”
    而且规则“xinxiang.finance.long_term_financing”的结果为“<结果>”
    而且规则“xinxiang.smart.factories_and_benchmarks”的结果为“<结果>”
    而且规则“xinxiang.service_mfg.support”的结果为“<结果>”
    而且规则“xinxiang.innovation.test_scenarios”的结果为“<结果>”
    而且规则“xinxiang.leading.single_champion”的结果为“<结果>”
    而且规则“xinxiang.quality.quality_awards”的结果为“<结果>”
    而且规则“xinxiang.chain.double_chief_service”的结果为“<结果>”
    而且规则“xinxiang.design.industrial_design_centres”的结果为“<结果>”
    而且规则“xinxiang.green.designations”的结果为“<结果>”

    例子: 专项资金支持的是择优确定的重点集群、企业、项目、平台,制造业企业为“可申报·需评审”
      | 行业 | 结果   | 评审结果      | 评审结果评审  |
      | C34  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | C13  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | C27  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | F52  | 不符合 | 不符合        | 不符合        |
      | I65  | 不符合 | 不符合        | 不符合        |

  场景: 未填报所属行业时面向制造业的措施待确定(xinxiang.fund.special_fund)
    假如一家注册在新乡市的企业
    当测算奖励
    那么规则“xinxiang.fund.special_fund”的结果为“待确定”
    而且规则“xinxiang.fund.special_fund”缺少“所属行业”

  场景大纲: 面向工业企业的能效水效标杆和亩均评价(xinxiang.green.efficiency_benchmarks、xinxiang.park.differentiated_allocation)
    假如一家注册在新乡市的企业
    而且该企业所属行业为<行业>
    当测算奖励
    那么规则“xinxiang.green.efficiency_benchmarks”的结果为“<结果>”
    而且规则“xinxiang.park.differentiated_allocation”的结果为“<结果>”

    例子:
      | 行业 | 结果   |
      | C26  | 符合   |
      | D45  | 符合   |
      | B06  | 符合   |
      | F52  | 不符合 |

  场景大纲: 普惠措施面向企业(xinxiang.digital.cloud、xinxiang.entrepreneur.training、xinxiang.finance.equity_funds、xinxiang.honour.benchmarks、xinxiang.innovation.platforms_and_designations、xinxiang.service.wanren_zhu_wanqi、xinxiang.standards.lead_participate)
    假如一家注册在新乡市的<单位>
    当测算奖励
    那么规则“xinxiang.tax.tax_and_fee_reduction”的结果为“<企业>”
    而且规则“xinxiang.finance.equity_funds”的结果为“<企业>”
    而且规则“xinxiang.digital.cloud”的结果为“<企业>”
    而且规则“xinxiang.entrepreneur.training”的结果为“<企业>”
    而且规则“xinxiang.standards.lead_participate”的结果为“<企业>”
    而且规则“xinxiang.service.wanren_zhu_wanqi”的结果为“<企业>”
    而且规则“xinxiang.honour.benchmarks”的结果为“<企业>”
    而且规则“xinxiang.innovation.platforms_and_designations”的结果为“<创新主体>”

    例子:
      | 单位             | 企业   | 创新主体 |
      | 企业             | 符合   | 符合     |
      | 事业单位         | 不符合 | 符合     |
      | 产业集聚区管委会 | 不符合 | 不符合   |

  场景大纲: 按企业规模列出的措施(xinxiang.digital.sme_empowerment)
    假如一家注册在新乡市的企业
    而且该企业规模为<规模>
    而且该企业所属行业为<行业>
    而且该企业没有获得任何认定、称号
    当测算奖励
    那么规则“xinxiang.sme.specialized_cultivation”的结果为“<中小>”
    而且规则“xinxiang.digital.sme_empowerment”的结果为“<制造业中小>”
    而且规则“xinxiang.overseas.international_cooperation”的结果为“<大中型>”
    而且规则“xinxiang.innovation.innovation_consortium”的结果为“<制造业大型>”
    而且规则“xinxiang.data.industry_data_center”的结果为“<龙头>”
    而且规则“xinxiang.leading.chain_leader_and_head_goose”的结果为“<龙头>”

    例子:
      | 规模     | 行业 | 中小   | 制造业中小 | 大中型 | 制造业大型 | 龙头   |
      | 小型企业 | C34  | 符合   | 符合       | 不符合 | 不符合     | 不符合 |
      | 微型企业 | I65  | 符合   | 不符合     | 不符合 | 不符合     | 不符合 |
      | 中型企业 | C34  | 符合   | 符合       | 符合   | 不符合     | 不符合 |
      | 大型企业 | C34  | 不符合 | 不符合     | 符合   | 符合       | 符合   |
      | 大型企业 | I65  | 不符合 | 不符合     | 符合   | 不符合     | 符合   |

  场景大纲: 按已获得的认定、称号列出的措施
    假如一家注册在新乡市的企业
    而且该企业规模为小型企业
    而且该企业于2023-11-01获得<级别>“<认定>”
    当测算奖励
    那么规则“<规则>”的结果为“<结果>”

    例子:
      | 级别   | 认定                 | 规则                                         | 结果   |
      | 省级   | “专精特新”中小企业   | xinxiang.sme.specialized_listing             | 符合   |
      | 国家级 | 专精特新“小巨人”企业 | xinxiang.sme.specialized_listing             | 符合   |
      | 省级   | 头雁企业             | xinxiang.sme.specialized_listing             | 不符合 |
      | 市级   | “专精特新”中小企业   | xinxiang.brand.brand_support                 | 符合   |
      | 国家级 | 单项冠军培育企业     | xinxiang.brand.brand_support                 | 符合   |
      | 市级   | 头雁企业             | xinxiang.brand.brand_support                 | 符合   |
      | 国家级 | 高新技术企业         | xinxiang.brand.brand_support                 | 不符合 |
      | 市级   | 头雁企业             | xinxiang.leading.chain_leader_and_head_goose | 符合   |
      | 市级   | 产业链链主企业       | xinxiang.leading.chain_leader_and_head_goose | 符合   |
      | 市级   | 产业链链主企业       | xinxiang.data.industry_data_center           | 符合   |
      | 省级   | 头雁企业             | xinxiang.data.industry_data_center           | 不符合 |
      | 市级   | 首批次新材料         | xinxiang.first_set.promotion                 | 符合   |
      | 国家级 | 首台(套)重大技术装备 | xinxiang.first_set.promotion                 | 符合   |
      | 国家级 | 高新技术企业         | xinxiang.first_set.promotion                 | 不符合 |
      | 省级   | 首版次软件           | xinxiang.innovation.procurement_preference   | 符合   |
      | 国家级 | 高新技术企业         | xinxiang.innovation.procurement_preference   | 不符合 |
      | 国家级 | 境内外证券交易所上市 | xinxiang.finance.listed_refinancing          | 符合   |
      | 省级   | 上市后备企业(培育库) | xinxiang.finance.listed_refinancing          | 不符合 |
      | 省级   | 上市后备企业(培育库) | xinxiang.listing.dengding_taihang            | 符合   |
      | 国家级 | 境内外证券交易所上市 | xinxiang.listing.dengding_taihang            | 不符合 |

  场景: 未填报认定情况时专精特新上市支持待确定(xinxiang.sme.specialized_listing)
    假如一家注册在新乡市的企业
    当测算奖励
    那么规则“xinxiang.sme.specialized_listing”的结果为“待确定”
    而且规则“xinxiang.sme.specialized_listing”缺少“已获得的认定、称号、名单”

  场景大纲: 按所属领域列出的相关支持
    假如一家注册在新乡市的企业
    而且该企业所属行业为F52
    而且该企业不是战略性新兴产业企业
    而且该企业属于“<领域>”领域
    当测算奖励
    那么规则“<规则>”的结果为“<结果>”

    例子:
      | 领域                     | 规则                                      | 结果   |
      | 电池(动力电池、储能电池) | xinxiang.sector.emerging_industries       | 符合   |
      | 生物医药                 | xinxiang.sector.emerging_industries       | 符合   |
      | 纺织服装                 | xinxiang.sector.emerging_industries       | 不符合 |
      | 公共安全应急装备和产品   | xinxiang.supply_chain.emergency_platform  | 符合   |
      | 纺织服装                 | xinxiang.supply_chain.emergency_platform  | 不符合 |
      | 工业设计服务             | xinxiang.design.industrial_design_centres | 符合   |

  场景: 战略性新兴产业企业列入新兴产业培育(xinxiang.sector.emerging_industries)
    假如一家注册在新乡市的企业
    而且该企业是战略性新兴产业企业
    而且该企业不属于任何所列领域
    当测算奖励
    那么规则“xinxiang.sector.emerging_industries”的结果为“符合”
    而且规则“xinxiang.sector.emerging_industries”引用条款“二(一)1”

  场景大纲: 用气大户直供气(xinxiang.gas.large_user_direct_supply)
    假如一家注册在新乡市的企业
    而且该企业<规上>规模以上工业企业
    当测算奖励
    那么规则“xinxiang.gas.large_user_direct_supply”的结果为“<结果>”

    例子:
      | 规上 | 结果   |
      | 是   | 符合   |
      | 不是 | 不符合 |

  场景: 开发区管委会适用开发区和集群类措施
    假如一家注册在新乡市红旗区的产业集聚区管委会
    当测算奖励
    那么规则“xinxiang.park.industrialization_demo_base”的结果为“符合”
    而且规则“xinxiang.park.upgrade_to_national”的结果为“符合”
    而且规则“xinxiang.park.leading_industry”的结果为“符合”
    而且规则“xinxiang.park.park_in_park”的结果为“符合”
    而且规则“xinxiang.park.transformation_demo_zone”的结果为“符合”
    而且规则“xinxiang.park.brand_demo_base”的结果为“符合”
    而且规则“xinxiang.park.producer_service_platforms”的结果为“符合”
    而且规则“xinxiang.cluster.national_clusters”的结果为“符合”
    而且规则“xinxiang.cluster.provincial_and_sme_clusters”的结果为“符合”
    而且规则“xinxiang.green.designations”的结果为“符合”
    而且规则“xinxiang.tax.tax_and_fee_reduction”的结果为“不符合”
    而且结果中没有新乡市以外的措施

  场景: 企业不适用开发区和集群类措施
    假如一家注册在新乡市的企业
    当测算奖励
    那么规则“xinxiang.park.industrialization_demo_base”的结果为“不符合”
    而且规则“xinxiang.park.upgrade_to_national”的结果为“不符合”
    而且规则“xinxiang.park.park_in_park”的结果为“不符合”
    而且规则“xinxiang.park.transformation_demo_zone”的结果为“不符合”
    而且规则“xinxiang.park.brand_demo_base”的结果为“不符合”
    而且规则“xinxiang.park.producer_service_platforms”的结果为“不符合”
    而且规则“xinxiang.cluster.national_clusters”的结果为“不符合”
    而且规则“xinxiang.cluster.provincial_and_sme_clusters”的结果为“不符合”

  场景: 集群发展促进机构可申请集群培育(xinxiang.cluster.national_clusters)
    假如一家注册在新乡市的事业单位
    当测算奖励
    那么规则“xinxiang.cluster.national_clusters”的结果为“符合”
    而且规则“xinxiang.cluster.provincial_and_sme_clusters”的结果为“符合”

  场景: 其他城市的企业不适用新乡市措施
    假如一家注册在许昌市的企业
    而且该企业所属行业为C34
    而且该企业规模为大型企业
    当测算奖励
    那么规则“xinxiang.fund.special_fund”的结果为“不符合”
    而且规则“xinxiang.innovation.innovation_consortium”的结果为“不符合”

  场景大纲: 测算日期在行动计划施行期之外
    假如测算日期为<测算日期>
    而且一家注册在新乡市的企业
    当测算奖励
    那么规则“xinxiang.tax.tax_and_fee_reduction”的结果为“<结果>”

    例子:
      | 测算日期   | 结果           |
      | 2023-10-23 | 不在政策施行期 |
      | 2023-10-24 | 符合           |
      | 2025-12-31 | 符合           |
      | 2026-01-01 | 不在政策施行期 |

  场景大纲: 领导干部联系民营企业,只面向民营企业(xinxiang.private.leader_liaison)
    假如一家注册在新乡市的企业
    而且该企业性质为<性质>
    当测算奖励
    那么规则“xinxiang.private.leader_liaison”的结果为“<结果>”

    例子:
      | 性质               | 结果   |
      | 民营企业           | 符合   |
      | 国有及国有控股企业 | 不符合 |
      | 外商投资企业       | 不符合 |
      | 集体企业           | 不符合 |

  场景大纲: 混合所有制企业以控股方为准(xinxiang.private.leader_liaison)
    假如一家注册在新乡市的企业
    而且该企业为混合所有制企业,由<控股方>控股
    当测算奖励
    那么规则“xinxiang.private.leader_liaison”的结果为“<结果>”

    例子:
      | 控股方             | 结果   |
      | 民营企业           | 符合   |
      | 国有及国有控股企业 | 不符合 |
      | 外商投资企业       | 不符合 |

  场景: 混合所有制企业未说明控股方时待确定(xinxiang.private.leader_liaison)
    假如一家注册在新乡市的企业
    而且该企业为混合所有制企业,未说明控股方
    当测算奖励
    那么规则“xinxiang.private.leader_liaison”的结果为“待确定”
    而且规则“xinxiang.private.leader_liaison”缺少“混合所有制企业由哪一方控股”

  场景: 未填报企业性质时领导干部联系民营企业待确定(xinxiang.private.leader_liaison)
    假如一家注册在新乡市的企业
    当测算奖励
    那么规则“xinxiang.private.leader_liaison”的结果为“待确定”
    而且规则“xinxiang.private.leader_liaison”缺少“企业性质”
