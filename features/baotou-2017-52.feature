# language: zh-CN
功能: 包府发〔2017〕52号 包头市创建“中国制造2025”试点示范城市实施意见的支持措施
  作为包头市的制造业企业
  我要知道实施意见中我可以申请或享受的每一项措施、支持方式和责任单位
  以便在配套政策出台时及时申请,并知道哪些事项尚未明确

  背景:
    假如测算日期为2019-06-30

  场景: 稀土新材料企业得到包头市措施的完整清单
    假如一家注册在包头市昆都仑区的企业
    而且该企业所属行业为C32
    而且该企业属于“稀土新材料”领域
    而且该企业是战略性新兴产业企业
    而且该企业是规模以上工业企业
    而且该企业规模为中型企业
    而且该企业于2018-10-01获得国家级“高新技术企业”
    而且该企业承担一个“技术改造项目”,2018-05-01立项
    当测算奖励
    那么规则“baotou.fiscal.tech_renovation_and_new_project”的结果为“可申报·需评审”
    而且规则“baotou.fiscal.tech_renovation_and_new_project”的支持方式为“一定资金或免税支持”
    而且规则“baotou.fiscal.tech_renovation_and_new_project”引用条款“六(三)1”
    而且规则“baotou.fund.guidance_funds_priority”的结果为“可申报·需评审”
    而且规则“baotou.tax.manufacturing_upgrade_income_tax”的结果为“符合”
    而且规则“baotou.tax.hnte_income_tax”的结果为“符合”
    而且规则“baotou.tax.import_equipment”的结果为“符合”
    而且规则“baotou.tax.rd_deduction”的结果为“符合”
    而且规则“baotou.finance.green_credit”的结果为“符合”
    而且规则“baotou.finance.sme_loans”的结果为“符合”
    而且规则“baotou.finance.bond_ipo_priority”的结果为“符合”
    而且规则“baotou.power.large_user_direct_supply”的结果为“符合”
    而且规则“baotou.honour.energy_efficiency_leader”的结果为“可申报·需评审”
    而且规则“baotou.tech.renovation_project_pool”的结果为“符合”
    而且规则“baotou.rare_earth.terminal_products”的结果为“符合”
    而且规则“baotou.rare_earth.new_materials_industry”的结果为“符合”
    而且规则“baotou.first_set.insurance_compensation”的结果为“不符合”
    而且规则“baotou.land.priority_supply”的结果为“不符合”
    而且规则“baotou.smart.named_enterprise_cnc_upgrade”的结果为“不符合”
    而且规则“baotou.park.infrastructure_funding”的结果为“不符合”
    而且奖励合计为0元
    而且结果中没有包头市以外的措施

  场景大纲: 技术改造项目、新建先进制造业项目的资金或免税支持(baotou.fiscal.tech_renovation_and_new_project)
    假如测算日期为<测算日期>
    而且一家注册在包头市的企业
    而且该企业所属行业为<行业>
    而且该企业<战新>战略性新兴产业企业
    而且该企业不属于任何所列领域
    而且该企业承担一个“<类别>”,<立项日期>立项
    当测算奖励
    那么规则“baotou.fiscal.tech_renovation_and_new_project”的结果为“<结果评审>”

    例子:
      | 测算日期   | 行业 | 战新 | 类别               | 立项日期   | 结果           | 结果评审       |
      | 2019-06-30 | C31  | 不是 | 技术改造项目       | 2018-05-01 | 符合           | 可申报·需评审  |
      | 2019-06-30 | C39  | 是   | 技术改造项目       | 2018-05-01 | 符合           | 可申报·需评审  |
      | 2019-06-30 | C39  | 不是 | 技术改造项目       | 2018-05-01 | 不符合         | 不符合         |
      | 2019-06-30 | C39  | 不是 | 新建先进制造业项目 | 2018-05-01 | 符合           | 可申报·需评审  |
      | 2019-06-30 | C31  | 不是 | 新增用地的工业项目 | 2018-05-01 | 不符合         | 不符合         |
      | 2019-06-30 | C31  | 不是 | 技术改造项目       | 2017-06-15 | 不符合         | 不符合         |
      | 2019-06-30 | C31  | 不是 | 技术改造项目       | 2017-06-16 | 符合           | 可申报·需评审  |
      | 2020-12-31 | C31  | 不是 | 技术改造项目       | 2020-12-31 | 符合           | 可申报·需评审  |
      | 2021-06-30 | C31  | 不是 | 技术改造项目       | 2021-01-01 | 不在政策施行期 | 不在政策施行期 |

  场景: 未填报承担的项目时项目类措施待确定(baotou.fiscal.tech_renovation_and_new_project)
    假如一家注册在包头市的企业
    而且该企业所属行业为C31
    当测算奖励
    那么规则“baotou.fiscal.tech_renovation_and_new_project”的结果为“待确定”
    而且规则“baotou.fiscal.tech_renovation_and_new_project”缺少“承担的项目”
    而且规则“baotou.land.priority_supply”的结果为“待确定”

  场景: 未填报所属行业时面向制造业企业的措施待确定
    假如一家注册在包头市的企业
    当测算奖励
    那么规则“baotou.tax.manufacturing_upgrade_income_tax”的结果为“待确定”
    而且规则“baotou.tax.manufacturing_upgrade_income_tax”缺少“所属行业”
    而且规则“baotou.tax.rd_deduction”的结果为“符合”
    而且规则“baotou.cost_reduction.general”的结果为“符合”
    而且规则“baotou.smart.smart_factory_cultivation”的结果为“待确定”
    而且规则“baotou.finance.green_credit”的结果为“待确定”
    而且规则“baotou.finance.green_credit”缺少“是否为战略性新兴产业企业”

  场景: 制造业企业可以申请的面向制造业的措施
    假如一家注册在包头市九原区的企业
    而且该企业所属行业为C38
    当测算奖励
    那么规则“baotou.tax.manufacturing_upgrade_income_tax”的结果为“符合”
    而且规则“baotou.tax.import_equipment”的结果为“符合”
    而且规则“baotou.finance.bond_ipo_priority”的结果为“符合”
    而且规则“baotou.talent.entrepreneur_training”的结果为“符合”
    而且规则“baotou.supply_side.destocking_support”的结果为“符合”
    而且规则“baotou.tech.innovation_platforms”的结果为“符合”
    而且规则“baotou.smart.smart_factory_cultivation”的结果为“符合”
    而且规则“baotou.smart.ii_integration_pilot_application”的结果为“符合”
    而且规则“baotou.green.green_factory”的结果为“符合”
    而且规则“baotou.brand.application_support”的结果为“符合”
    而且规则“baotou.quality.benchmark_enterprise”的结果为“符合”
    而且规则“baotou.quality.training_diagnosis”的结果为“符合”
    而且规则“baotou.standards.lead_participate”的结果为“符合”

  场景: 零售企业不属于面向制造业企业的措施
    假如一家注册在包头市的企业
    而且该企业所属行业为F52
    当测算奖励
    那么规则“baotou.tax.manufacturing_upgrade_income_tax”的结果为“不符合”
    而且规则“baotou.tax.import_equipment”的结果为“不符合”
    而且规则“baotou.finance.bond_ipo_priority”的结果为“不符合”
    而且规则“baotou.talent.entrepreneur_training”的结果为“不符合”
    而且规则“baotou.supply_side.destocking_support”的结果为“不符合”
    而且规则“baotou.tech.innovation_platforms”的结果为“不符合”
    而且规则“baotou.smart.smart_factory_cultivation”的结果为“不符合”
    而且规则“baotou.smart.ii_integration_pilot_application”的结果为“不符合”
    而且规则“baotou.green.green_factory”的结果为“不符合”
    而且规则“baotou.brand.application_support”的结果为“不符合”
    而且规则“baotou.quality.benchmark_enterprise”的结果为“不符合”
    而且规则“baotou.quality.training_diagnosis”的结果为“不符合”
    而且规则“baotou.standards.lead_participate”的结果为“不符合”
    而且规则“baotou.tax.rd_deduction”的结果为“符合”

  场景: 其他城市的企业不适用包头市措施
    假如一家注册在宁波市北仑区的企业
    而且该企业所属行业为C32
    而且该企业属于“稀土新材料”领域
    而且该企业是战略性新兴产业企业
    而且该企业于2018-10-01获得国家级“高新技术企业”
    当测算奖励
    那么规则“baotou.tax.hnte_income_tax”的结果为“不符合”
    而且规则“baotou.rare_earth.new_materials_industry”的结果为“不符合”
    而且规则“baotou.cost_reduction.general”的结果为“不符合”

  场景大纲: 测算日期在实施意见施行期之外
    假如测算日期为<测算日期>
    而且一家注册在包头市的企业
    而且该企业所属行业为C38
    当测算奖励
    那么规则“baotou.tax.manufacturing_upgrade_income_tax”的结果为“<结果>”
    而且规则“baotou.cost_reduction.general”的结果为“<结果>”

    例子:
      | 测算日期   | 结果           |
      | 2017-06-15 | 不在政策施行期 |
      | 2017-06-16 | 符合           |
      | 2020-12-31 | 符合           |
      | 2021-01-01 | 不在政策施行期 |

  场景大纲: 投资引导基金优先支持的产业(baotou.fund.guidance_funds_priority)
    假如一家注册在包头市的企业
    而且该企业不是战略性新兴产业企业
    而且该企业没有获得任何认定、称号
    而且该企业属于“<领域>”领域
    当测算奖励
    那么规则“baotou.fund.guidance_funds_priority”的结果为“<结果评审>”

    例子:
      | 领域         | 结果   | 结果评审      |
      | 蒙中医药     | 符合   | 可申报·需评审 |
      | 高端装备制造 | 符合   | 可申报·需评审 |
      | 电子信息     | 符合   | 可申报·需评审 |
      | 纺织服装     | 不符合 | 不符合        |

  场景: 高新技术企业不论领域均列入基金优先支持(baotou.fund.guidance_funds_priority)
    假如一家注册在包头市的企业
    而且该企业不是战略性新兴产业企业
    而且该企业不属于任何所列领域
    而且该企业于2016-03-01获得国家级“高新技术企业”
    当测算奖励
    那么规则“baotou.fund.guidance_funds_priority”的结果为“可申报·需评审”
    而且规则“baotou.tax.hnte_income_tax”的结果为“符合”

  场景: 没有高新技术企业认定的不适用高新技术企业所得税优惠(baotou.tax.hnte_income_tax)
    假如一家注册在包头市的企业
    而且该企业没有获得任何认定、称号
    当测算奖励
    那么规则“baotou.tax.hnte_income_tax”的结果为“不符合”

  场景: 未填报认定情况时高新技术企业所得税优惠待确定(baotou.tax.hnte_income_tax)
    假如一家注册在包头市的企业
    当测算奖励
    那么规则“baotou.tax.hnte_income_tax”的结果为“待确定”
    而且规则“baotou.tax.hnte_income_tax”缺少“已获得的认定、称号、名单”

  场景大纲: 首台(套)保险补偿和首台(套)、首批次、首版次使用鼓励政策(baotou.first_set.insurance_compensation、baotou.first_set.usage_incentive)
    假如一家注册在包头市的企业
    而且该企业于2018-03-01获得<级别>“<认定>”
    当测算奖励
    那么规则“baotou.first_set.insurance_compensation”的结果为“<保险补偿>”
    而且规则“baotou.first_set.usage_incentive”的结果为“<鼓励政策>”

    例子:
      | 级别   | 认定                 | 保险补偿 | 鼓励政策 |
      | 国家级 | 首台(套)重大技术装备 | 符合     | 符合     |
      | 省级   | 首台(套)重大技术装备 | 不符合   | 符合     |
      | 市级   | 首批次新材料         | 不符合   | 符合     |
      | 国家级 | 首版次软件           | 不符合   | 符合     |
      | 国家级 | 高新技术企业         | 不符合   | 不符合   |

  场景大纲: 战略性新兴产业绿色信贷(baotou.finance.green_credit)
    假如一家注册在包头市的企业
    而且该企业<战新>战略性新兴产业企业
    当测算奖励
    那么规则“baotou.finance.green_credit”的结果为“<结果>”

    例子:
      | 战新 | 结果   |
      | 是   | 符合   |
      | 不是 | 不符合 |

  场景大纲: 制造业、生产性服务业中小微企业融资支持(baotou.finance.sme_loans)
    假如一家注册在包头市的企业
    而且该企业规模为<规模>
    而且该企业所属行业为<行业>
    当测算奖励
    那么规则“baotou.finance.sme_loans”的结果为“<结果>”

    例子:
      | 规模     | 行业 | 结果   |
      | 小型企业 | C38  | 符合   |
      | 微型企业 | I65  | 符合   |
      | 中型企业 | G59  | 符合   |
      | 大型企业 | C38  | 不符合 |
      | 小型企业 | F52  | 不符合 |

  场景大纲: 大用户直供和能效领跑者面向规模以上工业企业(baotou.power.large_user_direct_supply、baotou.honour.energy_efficiency_leader)
    假如一家注册在包头市的企业
    而且该企业<规上>规模以上工业企业
    当测算奖励
    那么规则“baotou.power.large_user_direct_supply”的结果为“<结果>”
    而且规则“baotou.honour.energy_efficiency_leader”的结果为“<结果评审>”

    例子:
      | 规上 | 结果   | 结果评审      |
      | 是   | 符合   | 可申报·需评审 |
      | 不是 | 不符合 | 不符合        |

  场景大纲: 工业项目用地优先保障、优惠地价、分期支付和弹性年期出让(baotou.land.*)(baotou.land.installment_payment、baotou.land.preferential_price)
    假如一家注册在包头市的企业
    而且该企业承担一个“<类别>”,<立项日期>立项
    当测算奖励
    那么规则“baotou.land.priority_supply”的结果为“<用地>”
    而且规则“baotou.land.preferential_price”的结果为“<用地>”
    而且规则“baotou.land.installment_payment”的结果为“<用地>”
    而且规则“baotou.land.flexible_term”的结果为“<弹性年期>”

    例子:
      | 类别               | 立项日期   | 用地   | 弹性年期 |
      | 新增用地的工业项目 | 2018-01-01 | 符合   | 符合     |
      | 新增用地的工业项目 | 2017-06-15 | 不符合 | 符合     |
      | 技术改造项目       | 2018-01-01 | 不符合 | 不符合   |

  场景: 没有承担项目的企业不适用项目类措施
    假如一家注册在包头市的企业
    而且该企业没有承担任何项目
    当测算奖励
    那么规则“baotou.land.priority_supply”的结果为“不符合”
    而且规则“baotou.land.flexible_term”的结果为“不符合”
    而且规则“baotou.tech.rd_programmes”的结果为“不符合”

  场景大纲: 存量工业、仓储和科教用地分割转让(baotou.land.subdivided_transfer)
    假如一家注册在包头市的<单位>
    当测算奖励
    那么规则“baotou.land.subdivided_transfer”的结果为“<结果>”

    例子:
      | 单位             | 结果   |
      | 企业             | 符合   |
      | 事业单位         | 符合   |
      | 产业集聚区管委会 | 不符合 |

  场景大纲: 引进高层次人才、外国专家及设立博士后工作站奖励(baotou.talent.introduction_award)
    假如一家注册在包头市的企业
    而且该企业于<日期>获得<级别>“<认定>”
    当测算奖励
    那么规则“baotou.talent.introduction_award”的结果为“<结果>”
    而且规则“baotou.talent.introduction_award”的支持方式为“一定奖励”

    例子:
      | 日期       | 级别   | 认定                                           | 结果   |
      | 2018-09-01 | 市级   | 引进的高层次人才、外国专家(经人才主管部门认定) | 符合   |
      | 2017-06-16 | 国家级 | 博士后科研工作站(创新实践基地)                 | 符合   |
      | 2017-06-15 | 国家级 | 博士后科研工作站(创新实践基地)                 | 不符合 |
      | 2018-09-01 | 国家级 | 高新技术企业                                   | 不符合 |

  场景大纲: 此前已引进过人才的单位,计入期内新引进的人才仍计入(baotou.talent.introduction_award)
    假如一家注册在包头市的企业
    而且该企业于2015-05-01获得市级“引进的高层次人才、外国专家(经人才主管部门认定)”
    而且<后一认定>
    当测算奖励
    那么规则“baotou.talent.introduction_award”的结果为“<结果>”

    例子:
      | 后一认定                                                                               | 结果   |
      | 该企业于2018-09-01获得市级“引进的高层次人才、外国专家(经人才主管部门认定)”             | 符合   |
      | 该企业于2018-09-01获得市级“引进的高层次人才、外国专家(经人才主管部门认定)”(复核、续期) | 不符合 |
      | 该企业于2021-01-01获得市级“引进的高层次人才、外国专家(经人才主管部门认定)”             | 不符合 |

  场景: 园区管委会适用园区类措施,企业不适用
    假如一家注册在包头市青山区的产业集聚区管委会
    当测算奖励
    那么规则“baotou.park.infrastructure_funding”的结果为“符合”
    而且规则“baotou.smart.smart_park_cultivation”的结果为“符合”
    而且规则“baotou.green.green_park”的结果为“符合”
    而且规则“baotou.cost_reduction.general”的结果为“不符合”
    而且规则“baotou.tax.rd_deduction”的结果为“不符合”
    而且结果中没有包头市以外的措施

  场景: 企业不适用园区类措施
    假如一家注册在包头市的企业
    当测算奖励
    那么规则“baotou.smart.smart_park_cultivation”的结果为“不符合”
    而且规则“baotou.green.green_park”的结果为“不符合”
    而且规则“baotou.tech.named_research_institutes”的结果为“不符合”

  场景: 科研院所适用产学研机构和服务平台措施
    假如一家注册在包头市的事业单位
    当测算奖励
    那么规则“baotou.tech.named_research_institutes”的结果为“符合”
    而且规则“baotou.service_platforms.design_testing_ecommerce”的结果为“符合”

  场景大纲: 大型装备制造企业的机床数字化改造和服务化转型(baotou.smart.named_enterprise_cnc_upgrade、baotou.service_mfg.large_equipment_servitization)
    假如一家注册在包头市的企业
    而且该企业规模为<规模>
    而且该企业所属行业为<行业>
    当测算奖励
    那么规则“baotou.smart.named_enterprise_cnc_upgrade”的结果为“<结果>”
    而且规则“baotou.service_mfg.large_equipment_servitization”的结果为“<结果>”

    例子:
      | 规模     | 行业 | 结果   |
      | 大型企业 | C35  | 符合   |
      | 大型企业 | C37  | 符合   |
      | 大型企业 | C26  | 不符合 |
      | 中型企业 | C35  | 不符合 |

  场景大纲: 按所属领域列出的相关支持
    假如一家注册在包头市的企业
    而且该企业属于“<领域>”领域
    当测算奖励
    那么规则“<规则>”的结果为“<结果>”

    例子:
      | 领域             | 规则                                              | 结果   |
      | 稀土+终端应用    | baotou.rare_earth.terminal_products               | 符合   |
      | 稀土+终端应用    | baotou.rare_earth.new_materials_industry          | 不符合 |
      | 纺织服装         | baotou.rare_earth.terminal_products               | 不符合 |
      | 军民融合         | baotou.mil_civ.project_pool                       | 符合   |
      | 纺织服装         | baotou.mil_civ.project_pool                       | 不符合 |
      | 工业设计服务     | baotou.service_platforms.design_testing_ecommerce | 符合   |
      | 检验检测认证服务 | baotou.service_platforms.design_testing_ecommerce | 符合   |
      | 电子商务         | baotou.service_platforms.design_testing_ecommerce | 符合   |
      | 纺织服装         | baotou.service_platforms.design_testing_ecommerce | 不符合 |

  场景大纲: 研发、节能、工业云和技术改造项目(baotou.tech.rd_programmes、baotou.green.energy_saving_projects、baotou.smart.industrial_cloud_platforms、baotou.tech.renovation_project_pool)
    假如一家注册在包头市的企业
    而且该企业所属行业为<行业>
    而且该企业不属于任何所列领域
    而且该企业承担一个“<类别>”,2018-04-01立项
    当测算奖励
    那么规则“<规则>”的结果为“<结果>”

    例子:
      | 行业 | 类别                                   | 规则                                    | 结果   |
      | C39  | 研发攻关项目(核心技术攻关、新产品开发) | baotou.tech.rd_programmes               | 符合   |
      | C39  | 技术改造项目                           | baotou.tech.rd_programmes               | 不符合 |
      | C31  | 节能技术改造项目                       | baotou.green.energy_saving_projects     | 符合   |
      | C31  | 重大节能改造示范项目                   | baotou.green.energy_saving_projects     | 符合   |
      | C31  | 技术改造项目                           | baotou.green.energy_saving_projects     | 不符合 |
      | I65  | 工业云、大数据平台建设项目             | baotou.smart.industrial_cloud_platforms | 符合   |
      | I65  | 研发攻关项目(核心技术攻关、新产品开发) | baotou.smart.industrial_cloud_platforms | 不符合 |
      | C31  | 技术改造项目                           | baotou.tech.renovation_project_pool     | 符合   |
      | C39  | 技术改造项目                           | baotou.tech.renovation_project_pool     | 不符合 |

  场景大纲: 高新技术企业证书须在测算日有效(baotou.tax.hnte_income_tax)
    假如一家注册在包头市的企业
    而且该企业于2017-10-01获得国家级“高新技术企业”,有效期至<有效期至>
    当测算奖励
    那么规则“baotou.tax.hnte_income_tax”的结果为“<结果>”

    例子:
      | 有效期至   | 结果   |
      | 2019-06-29 | 不符合 |
      | 2019-06-30 | 符合   |
      | 2020-09-30 | 符合   |
