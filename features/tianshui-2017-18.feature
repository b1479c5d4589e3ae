# language: zh-CN
功能: 天政办发〔2017〕18号 天水市贯彻《中国制造2025甘肃行动纲要》实施方案的支持措施
  作为天水市工信委的政策经办人
  我要让每家天水企业看到方案中它可以申请的措施、支持方式和牵头单位
  以便企业按口径申请,并清楚哪些标准尚待实施细则规定

  背景:
    假如测算日期为2019-06-30

  场景: 半导体器件企业得到天水市措施的完整清单
    假如一家注册在天水市秦州区的企业
    而且该企业所属行业为C39
    而且该企业属于“集成电路”领域
    而且该企业是战略性新兴产业企业
    而且该企业是规模以上工业企业
    而且该企业规模为中型企业
    而且该企业没有获得任何认定、称号
    而且该企业承担一个“智能化(自动化)改造项目”,2018-05-01立项
    当测算奖励
    那么规则“tianshui.fiscal.key_areas_support”的结果为“可申报·需评审”
    而且规则“tianshui.fiscal.key_areas_support”可以向本局申请
    而且规则“tianshui.fiscal.key_areas_support”的支持方式为“补助、贴息、奖励、人员培训和品牌宣传推广”
    而且规则“tianshui.fiscal.key_areas_support”引用条款“四(二)”
    而且规则“tianshui.tax.preferential_policies”的结果为“符合”
    而且规则“tianshui.tax.preferential_policies”不向本局申请,而是“向主管税务机关申报享受”
    而且规则“tianshui.sei.backbone_enterprises”的结果为“符合”
    而且规则“tianshui.sme.service_system”的结果为“符合”
    而且规则“tianshui.sme.specialized_new”的结果为“符合”
    而且规则“tianshui.finance.sme_equity_listing”的结果为“符合”
    而且规则“tianshui.sector.it_components”的结果为“符合”
    而且规则“tianshui.sector.semiconductor_devices”的结果为“符合”
    而且规则“tianshui.sector.aviation_electronics”的结果为“符合”
    而且规则“tianshui.sector.wide_bandgap”的结果为“不符合”
    而且规则“tianshui.sme.below_to_above_scale”的结果为“不符合”
    而且规则“tianshui.finance.listed_refinancing”的结果为“不符合”
    而且规则“tianshui.innovation.industry_alliance”的结果为“不符合”
    而且规则“tianshui.park.high_tech_industries”的结果为“不符合”
    而且奖励合计为0元
    而且结果中没有天水市以外的措施

  场景大纲: 市财政资金重点支持的改造提升项目(tianshui.fiscal.key_areas_support)
    假如测算日期为<测算日期>
    而且一家注册在天水市麦积区的企业
    而且该企业承担一个“<类别>”,<立项日期>立项
    当测算奖励
    那么规则“tianshui.fiscal.key_areas_support”的结果为“<结果评审>”

    例子: 重点支持由市财政局、市工信委择优确定,满足领域条件的为“可申报·需评审”
      | 测算日期   | 类别                   | 立项日期   | 结果           | 结果评审       |
      | 2019-06-30 | 智能化(自动化)改造项目 | 2018-05-01 | 可申报·需评审  | 可申报·需评审  |
      | 2019-06-30 | 产业链延伸项目         | 2018-05-01 | 可申报·需评审  | 可申报·需评审  |
      | 2019-06-30 | 科技成果转化项目       | 2018-05-01 | 可申报·需评审  | 可申报·需评审  |
      | 2019-06-30 | 两化融合项目           | 2018-05-01 | 不符合         | 不符合         |
      | 2019-06-30 | 技术改造项目           | 2018-05-01 | 不符合         | 不符合         |
      | 2019-06-30 | 智能化(自动化)改造项目 | 2017-02-21 | 不符合         | 不符合         |
      | 2019-06-30 | 智能化(自动化)改造项目 | 2017-02-22 | 可申报·需评审  | 可申报·需评审  |
      | 2025-12-31 | 智能化(自动化)改造项目 | 2025-12-31 | 可申报·需评审  | 可申报·需评审  |
      | 2026-06-30 | 智能化(自动化)改造项目 | 2026-01-01 | 不在政策施行期 | 不在政策施行期 |

  场景大纲: 先进装备两化融合只对装备制造企业(tianshui.fiscal.equipment_ii_integration)
    假如一家注册在天水市的企业
    而且该企业所属行业为<行业>
    而且该企业不属于任何所列领域
    而且该企业承担一个“<类别>”,<立项日期>立项
    当测算奖励
    那么规则“tianshui.fiscal.equipment_ii_integration”的结果为“<结果评审>”

    例子:
      | 行业 | 类别                   | 立项日期   | 结果          | 结果评审      |
      | C34  | 两化融合项目           | 2018-05-01 | 可申报·需评审 | 可申报·需评审 |
      | C40  | 两化融合项目           | 2018-05-01 | 可申报·需评审 | 可申报·需评审 |
      | C33  | 两化融合项目           | 2017-02-22 | 可申报·需评审 | 可申报·需评审 |
      | C27  | 两化融合项目           | 2018-05-01 | 不符合        | 不符合        |
      | C41  | 两化融合项目           | 2018-05-01 | 不符合        | 不符合        |
      | C34  | 两化融合项目           | 2017-02-21 | 不符合        | 不符合        |
      | C34  | 智能化(自动化)改造项目 | 2018-05-01 | 不符合        | 不符合        |

  场景: 属于高端装备领域的企业的两化融合项目(tianshui.fiscal.equipment_ii_integration)
    假如一家注册在天水市的企业
    而且该企业属于“高端装备制造”领域
    而且该企业承担一个“两化融合项目”,2018-05-01立项
    当测算奖励
    那么规则“tianshui.fiscal.equipment_ii_integration”的结果为“可申报·需评审”

  场景: 未填报所属行业和领域时装备两化融合待确定(tianshui.fiscal.equipment_ii_integration)
    假如一家注册在天水市的企业
    而且该企业承担一个“两化融合项目”,2018-05-01立项
    当测算奖励
    那么规则“tianshui.fiscal.equipment_ii_integration”的结果为“待确定”
    而且规则“tianshui.fiscal.equipment_ii_integration”缺少“所属行业”

  场景: 未填报项目时财政重点支持待确定(tianshui.fiscal.key_areas_support)
    假如一家注册在天水市的企业
    当测算奖励
    那么规则“tianshui.fiscal.key_areas_support”的结果为“待确定”
    而且规则“tianshui.fiscal.key_areas_support”缺少“承担的项目”

  场景大纲: 面向制造业企业的措施(tianshui.award.major_contribution_leader、tianshui.fdi.encouraged_category、tianshui.finance.manufacturing_credit、tianshui.quality.brand_and_quality_awards、tianshui.quality.training_diagnosis、tianshui.service_mfg.outsourcing_focus、tianshui.service_mfg.support、tianshui.standards.lead_participate、tianshui.talent.project_based_introduction)
    假如一家注册在天水市的企业
    而且该企业所属行业为<行业>
    当测算奖励
    那么规则“tianshui.award.major_contribution_enterprise”的结果为“<评审结果评审>”
    而且规则“tianshui.award.major_contribution_leader”的结果为“<评审结果评审>”
    而且规则“tianshui.talent.project_based_introduction”的结果为“<结果>”
    而且规则“tianshui.finance.manufacturing_credit”的结果为“<结果>”
    而且规则“tianshui.service_mfg.support”的结果为“<结果>”
    而且规则“tianshui.service_mfg.outsourcing_focus”的结果为“<结果>”
    而且规则“tianshui.standards.lead_participate”的结果为“<结果>”
    而且规则“tianshui.quality.training_diagnosis”的结果为“<结果>”
    而且规则“tianshui.quality.brand_and_quality_awards”的结果为“<结果>”
    而且规则“tianshui.fdi.encouraged_category”的结果为“<结果>”

    例子:
      | 行业 | 结果   | 评审结果      | 评审结果评审  |
      | C13  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | C38  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | C43  | 符合   | 可申报·需评审 | 可申报·需评审 |
      | D44  | 不符合 | 不符合        | 不符合        |
      | F52  | 不符合 | 不符合        | 不符合        |

  场景: 重大贡献企业奖励由市政府评定,制造业企业可以申报(tianshui.award.major_contribution_enterprise)
    假如一家注册在天水市的企业
    而且该企业所属行业为C34
    当测算奖励
    那么规则“tianshui.award.major_contribution_enterprise”的结果为“可申报·需评审”
    而且规则“tianshui.award.major_contribution_enterprise”可以向本局申请
    而且规则“tianshui.award.major_contribution_enterprise”的支持方式为“任期奖励、专项奖励、股票期权、科技成果入股等或一次性物质奖励”
    而且规则“tianshui.award.major_contribution_enterprise”引用条款“四(六)”

  场景大纲: 省外引进人才的待遇须确有引进的人才(tianshui.talent.out_of_province_talent)
    假如测算日期为<测算日期>
    而且一家注册在天水市的企业
    而且该企业所属行业为<行业>
    而且该企业于<日期>获得<级别>“从省外引进的高层次、急需、紧缺人才(经人社部门认定)”
    当测算奖励
    那么规则“tianshui.talent.out_of_province_talent”的结果为“<结果>”

    例子:
      | 测算日期   | 行业 | 日期       | 级别 | 结果           |
      | 2019-06-30 | C38  | 2018-04-01 | 市级 | 符合           |
      | 2019-06-30 | C38  | 2017-02-22 | 省级 | 符合           |
      | 2019-06-30 | C38  | 2017-02-21 | 市级 | 不符合         |
      | 2019-06-30 | F52  | 2018-04-01 | 市级 | 不符合         |
      | 2025-12-31 | C38  | 2025-12-31 | 市级 | 符合           |
      | 2026-01-01 | C38  | 2025-12-31 | 市级 | 不在政策施行期 |

  场景: 没有引进省外人才的制造业企业不适用人才待遇(tianshui.talent.out_of_province_talent)
    假如一家注册在天水市的企业
    而且该企业所属行业为C38
    而且该企业没有获得任何认定、称号
    当测算奖励
    那么规则“tianshui.talent.out_of_province_talent”的结果为“不符合”

  场景: 每名新引进的人才各列一项(tianshui.talent.out_of_province_talent)
    假如一家注册在天水市的企业
    而且该企业所属行业为C38
    而且该企业于2016-04-01获得市级“从省外引进的高层次、急需、紧缺人才(经人社部门认定)”
    而且该企业于2018-04-01获得市级“从省外引进的高层次、急需、紧缺人才(经人社部门认定)”
    而且该企业于2019-04-01获得市级“从省外引进的高层次、急需、紧缺人才(经人社部门认定)”
    当测算奖励
    那么规则“tianshui.talent.out_of_province_talent”的结果为“符合”
    而且规则“tianshui.talent.out_of_province_talent”有2个称号符合

  场景: 未填报认定情况或所属行业时人才待遇待确定(tianshui.talent.out_of_province_talent)
    假如一家注册在天水市的企业
    当测算奖励
    那么规则“tianshui.talent.out_of_province_talent”的结果为“待确定”
    而且规则“tianshui.talent.out_of_province_talent”缺少“已获得的认定、称号、名单”

  场景: 引进了人才但未填报所属行业时待确定(tianshui.talent.out_of_province_talent)
    假如一家注册在天水市的企业
    而且该企业于2018-04-01获得市级“从省外引进的高层次、急需、紧缺人才(经人社部门认定)”
    当测算奖励
    那么规则“tianshui.talent.out_of_province_talent”的结果为“待确定”
    而且规则“tianshui.talent.out_of_province_talent”缺少“所属行业”

  场景大纲: 普惠措施面向全市企业,不面向园区管委会(tianshui.facilitation.higher_level_funds、tianshui.finance.deleveraging_debt_equity、tianshui.finance.ip_pledge_loans、tianshui.innovation.public_service_platforms、tianshui.innovation.tech_transfer_platforms)
    假如一家注册在天水市的<单位>
    当测算奖励
    那么规则“tianshui.tax.preferential_policies”的结果为“<结果>”
    而且规则“tianshui.finance.ip_pledge_loans”的结果为“<结果>”
    而且规则“tianshui.finance.deleveraging_debt_equity”的结果为“<结果>”
    而且规则“tianshui.facilitation.higher_level_funds”的结果为“<结果>”
    而且规则“tianshui.innovation.public_service_platforms”的结果为“<结果>”
    而且规则“tianshui.innovation.tech_transfer_platforms”的结果为“<结果>”

    例子:
      | 单位             | 结果   |
      | 企业             | 符合   |
      | 产业集聚区管委会 | 不符合 |
      | 事业单位         | 不符合 |

  场景大纲: 按企业规模列出的措施(tianshui.hq.regional_hq_rnd)
    假如一家注册在天水市的企业
    而且该企业规模为<规模>
    而且该企业所属行业为<行业>
    当测算奖励
    那么规则“tianshui.finance.sme_equity_listing”的结果为“<中小微>”
    而且规则“tianshui.sme.service_system”的结果为“<中小微>”
    而且规则“tianshui.sme.specialized_new”的结果为“<制造业中小微>”
    而且规则“tianshui.hq.regional_hq_rnd”的结果为“<大型>”
    而且规则“tianshui.innovation.industry_alliance”的结果为“<制造业大型>”

    例子:
      | 规模     | 行业 | 中小微 | 制造业中小微 | 大型   | 制造业大型 |
      | 小型企业 | C38  | 符合   | 符合         | 不符合 | 不符合     |
      | 微型企业 | I65  | 符合   | 不符合       | 不符合 | 不符合     |
      | 中型企业 | C35  | 符合   | 符合         | 不符合 | 不符合     |
      | 大型企业 | C38  | 不符合 | 不符合       | 符合   | 符合       |
      | 大型企业 | I65  | 不符合 | 不符合       | 符合   | 不符合     |

  场景: 未填报企业规模时按规模列出的措施待确定(tianshui.sme.service_system)
    假如一家注册在天水市的企业
    当测算奖励
    那么规则“tianshui.sme.service_system”的结果为“待确定”
    而且规则“tianshui.sme.service_system”缺少“企业规模”

  场景大纲: 培育规模以下工业企业“规下转规上”(tianshui.sme.below_to_above_scale)
    假如一家注册在天水市的企业
    而且该企业<规上>规模以上工业企业
    而且该企业所属行业为<行业>
    当测算奖励
    那么规则“tianshui.sme.below_to_above_scale”的结果为“<结果>”

    例子:
      | 规上 | 行业 | 结果   |
      | 不是 | C38  | 符合   |
      | 不是 | B06  | 符合   |
      | 不是 | D44  | 符合   |
      | 是   | C38  | 不符合 |
      | 不是 | F52  | 不符合 |

  场景: 未回答是否规模以上时“规下转规上”待确定(tianshui.sme.below_to_above_scale)
    假如一家注册在天水市的企业
    而且该企业所属行业为C38
    当测算奖励
    那么规则“tianshui.sme.below_to_above_scale”的结果为“待确定”
    而且规则“tianshui.sme.below_to_above_scale”缺少“是否为规模以上工业企业”

  场景大纲: 按已获得的资质列出的措施(tianshui.finance.listed_refinancing、tianshui.mil_civ.capital_operation)
    假如一家注册在天水市的企业
    而且该企业于2015-06-01获得国家级“<资质>”
    当测算奖励
    那么规则“tianshui.finance.listed_refinancing”的结果为“<上市>”
    而且规则“tianshui.mil_civ.capital_operation”的结果为“<军工>”

    例子:
      | 资质                             | 上市   | 军工   |
      | 境内外证券交易所上市             | 符合   | 不符合 |
      | 军工资质(武器装备科研生产许可等) | 不符合 | 符合   |

  场景大纲: 按所属领域列出的相关支持
    假如一家注册在天水市的企业
    而且该企业所属行业为F52
    而且该企业属于“<领域>”领域
    当测算奖励
    那么规则“<规则>”的结果为“<结果>”

    例子:
      | 领域                           | 规则                                          | 结果   |
      | 孵化器、众创空间等创业载体运营 | tianshui.innovation.incubators                | 符合   |
      | 孵化器、众创空间等创业载体运营 | tianshui.sme.incubation_parks                 | 符合   |
      | 纺织服装                       | tianshui.innovation.incubators                | 不符合 |
      | 纺织服装                       | tianshui.sme.incubation_parks                 | 不符合 |
      | 工业设计服务                   | tianshui.design.industrial_design_firms       | 符合   |
      | 纺织服装                       | tianshui.design.industrial_design_firms       | 不符合 |
      | 电子信息                       | tianshui.sector.it_components                 | 符合   |
      | 纺织服装                       | tianshui.sector.it_components                 | 不符合 |
      | 集成电路                       | tianshui.sector.semiconductor_devices         | 符合   |
      | 纺织服装                       | tianshui.sector.semiconductor_devices         | 不符合 |
      | 宽禁带半导体器件、真空电子器件 | tianshui.sector.wide_bandgap                  | 符合   |
      | 集成电路                       | tianshui.sector.wide_bandgap                  | 不符合 |
      | 循环经济、再生资源             | tianshui.sector.energy_saving_remanufacturing | 符合   |
      | 节能环保                       | tianshui.sector.energy_saving_remanufacturing | 符合   |
      | 纺织服装                       | tianshui.sector.energy_saving_remanufacturing | 不符合 |
      | 建材                           | tianshui.sector.green_building_materials_use  | 符合   |
      | 纺织服装                       | tianshui.sector.green_building_materials_use  | 不符合 |
      | 绿色催化                       | tianshui.sector.green_catalysis_incubation    | 符合   |
      | 建材                           | tianshui.sector.green_catalysis_incubation    | 不符合 |
      | 轨道交通装备                   | tianshui.sector.rail_transit                  | 符合   |
      | 通用航空                       | tianshui.sector.rail_transit                  | 不符合 |
      | 通用航空                       | tianshui.sector.general_aviation              | 符合   |
      | 轨道交通装备                   | tianshui.sector.general_aviation              | 不符合 |
      | 通用航空                       | tianshui.sector.aviation_electronics          | 符合   |
      | 轨道交通装备                   | tianshui.sector.aviation_electronics          | 不符合 |
      | 军民融合                       | tianshui.mil_civ.demo_park                    | 符合   |
      | 纺织服装                       | tianshui.mil_civ.demo_park                    | 不符合 |
      | 军民融合                       | tianshui.mil_civ.qualification_assistance     | 符合   |
      | 纺织服装                       | tianshui.mil_civ.qualification_assistance     | 不符合 |

  场景: 未填报所属领域时领域类措施待确定(tianshui.sector.rail_transit)
    假如一家注册在天水市的企业
    当测算奖励
    那么规则“tianshui.sector.rail_transit”的结果为“待确定”
    而且规则“tianshui.sector.rail_transit”缺少“所属领域”

  场景大纲: 电子元器件按行业即可列入(tianshui.sector.it_components、tianshui.sector.aviation_electronics)
    假如一家注册在天水市的企业
    而且该企业所属行业为<行业>
    而且该企业不属于任何所列领域
    当测算奖励
    那么规则“tianshui.sector.it_components”的结果为“<结果>”
    而且规则“tianshui.sector.aviation_electronics”的结果为“<结果>”

    例子:
      | 行业 | 结果   |
      | C39  | 符合   |
      | C40  | 符合   |
      | C38  | 不符合 |

  场景大纲: 战略性新兴产业骨干企业和共性关键技术研发(tianshui.sei.backbone_enterprises、tianshui.innovation.generic_technology_rnd)
    假如一家注册在天水市的企业
    而且该企业<战新>战略性新兴产业企业
    而且该企业不属于任何所列领域
    而且该企业承担一个“<类别>”,2019-01-10立项
    当测算奖励
    那么规则“tianshui.sei.backbone_enterprises”的结果为“<骨干>”
    而且规则“tianshui.innovation.generic_technology_rnd”的结果为“<共性技术>”

    例子:
      | 战新 | 类别                                   | 骨干   | 共性技术 |
      | 是   | 研发攻关项目(核心技术攻关、新产品开发) | 符合   | 符合     |
      | 是   | 科技成果转化项目                       | 符合   | 符合     |
      | 是   | 技术改造项目                           | 符合   | 不符合   |
      | 不是 | 研发攻关项目(核心技术攻关、新产品开发) | 不符合 | 不符合   |

  场景: 生物医药企业承担研发项目按领域列入共性关键技术研发(tianshui.innovation.generic_technology_rnd)
    假如一家注册在天水市的企业
    而且该企业不是战略性新兴产业企业
    而且该企业属于“生物医药”领域
    而且该企业承担一个“研发攻关项目(核心技术攻关、新产品开发)”,2019-01-10立项
    当测算奖励
    那么规则“tianshui.innovation.generic_technology_rnd”的结果为“符合”

  场景: 园区管委会适用园区类措施
    假如一家注册在天水市麦积区的产业集聚区管委会
    当测算奖励
    那么规则“tianshui.park.high_tech_industries”的结果为“符合”
    而且规则“tianshui.park.named_parks”的结果为“符合”
    而且规则“tianshui.innovation.incubators”的结果为“符合”
    而且规则“tianshui.sme.incubation_parks”的结果为“符合”
    而且规则“tianshui.mil_civ.demo_park”的结果为“符合”
    而且结果中没有天水市以外的措施

  场景: 企业不适用园区类措施
    假如一家注册在天水市的企业
    当测算奖励
    那么规则“tianshui.park.high_tech_industries”的结果为“不符合”
    而且规则“tianshui.park.named_parks”的结果为“不符合”

  场景大纲: 陇药、食品加工电商和生产性服务业示范企业(tianshui.ecommerce.longyao_food、tianshui.honour.producer_service_demo)
    假如一家注册在天水市的企业
    而且该企业所属行业为<行业>
    当测算奖励
    那么规则“tianshui.ecommerce.longyao_food”的结果为“<电商>”
    而且规则“tianshui.honour.producer_service_demo”的结果为“<生产性服务业>”

    例子:
      | 行业 | 电商   | 生产性服务业 |
      | C27  | 符合   | 不符合       |
      | C14  | 符合   | 不符合       |
      | C26  | 不符合 | 不符合       |
      | L72  | 不符合 | 符合         |
      | G59  | 不符合 | 符合         |

  场景大纲: 军民融合项目(tianshui.mil_civ.project_support)
    假如一家注册在天水市的企业
    而且该企业承担一个“<类别>”,2018-08-01立项
    当测算奖励
    那么规则“tianshui.mil_civ.project_support”的结果为“<结果>”

    例子:
      | 类别         | 结果   |
      | 军民融合项目 | 符合   |
      | 技术改造项目 | 不符合 |

  场景: 其他城市的企业不适用天水市措施
    假如一家注册在许昌市的企业
    而且该企业所属行业为C39
    而且该企业是战略性新兴产业企业
    当测算奖励
    那么规则“tianshui.sei.backbone_enterprises”的结果为“不符合”
    而且规则“tianshui.tax.preferential_policies”的结果为“不符合”

  场景大纲: 测算日期在方案施行期之外
    假如测算日期为<测算日期>
    而且一家注册在天水市的企业
    当测算奖励
    那么规则“tianshui.tax.preferential_policies”的结果为“<结果>”

    例子:
      | 测算日期   | 结果           |
      | 2017-02-21 | 不在政策施行期 |
      | 2017-02-22 | 符合           |
      | 2025-12-31 | 符合           |
      | 2026-01-01 | 不在政策施行期 |
