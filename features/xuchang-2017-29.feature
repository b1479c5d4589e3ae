# language: zh-CN
功能: 许政[2017]29号 许昌市制造业转型发展实施方案的奖励
  作为许昌市工信局的政策经办人
  我要确认每一项奖励都按条文和已定口径测算
  以便企业得到应得的奖励,不多也不少

  背景:
    假如测算日期为2020-12-31

  场景大纲: 制造业创新中心按级别一次性奖励(xuchang.mfg_innovation_center.national、xuchang.mfg_innovation_center.provincial)
    假如一家注册在<注册地>的<单位>
    而且该单位于<日期>获得<级别>“制造业创新中心”
    当测算奖励
    那么规则“xuchang.mfg_innovation_center.national”的结果为“<国家级结果>”
    而且规则“xuchang.mfg_innovation_center.provincial”的结果为“<省级结果>”

    例子:
      | 注册地 | 单位     | 日期       | 级别   | 国家级结果 | 省级结果 |
      | 许昌市 | 企业     | 2018-03-01 | 国家级 | 符合       | 不符合   |
      | 许昌市 | 事业单位 | 2018-03-01 | 省级   | 不符合     | 符合     |
      | 长葛市 | 企业     | 2017-06-16 | 省级   | 不符合     | 符合     |
      | 许昌市 | 企业     | 2017-06-15 | 国家级 | 不符合     | 不符合   |
      | 许昌市 | 企业     | 2020-12-31 | 国家级 | 符合       | 不符合   |
      | 许昌市 | 企业     | 2021-01-01 | 国家级 | 不符合     | 不符合   |
      | 新乡市 | 企业     | 2018-03-01 | 国家级 | 不符合     | 不符合   |

  场景: 国家级制造业创新中心奖励100万元并引用条款(xuchang.mfg_innovation_center.national)
    假如一家注册在许昌市魏都区的企业
    而且该企业于2019-09-01获得国家级“制造业创新中心”
    当测算奖励
    那么规则“xuchang.mfg_innovation_center.national”的奖励金额为100万元
    而且规则“xuchang.mfg_innovation_center.national”引用条款“二(一)1”
    而且奖励合计为100万元

  场景: 先获省级、后升国家级的创新中心两级分别奖励(xuchang.mfg_innovation_center.national、xuchang.mfg_innovation_center.provincial)
    假如一家注册在许昌市的企业
    而且该企业于2017-10-01获得省级“制造业创新中心”
    而且该企业于2020-05-01获得国家级“制造业创新中心”
    当测算奖励
    那么规则“xuchang.mfg_innovation_center.national”的结果为“符合”
    而且规则“xuchang.mfg_innovation_center.provincial”的结果为“符合”
    而且奖励合计为150万元

  场景: 未填报认定情况时创新中心奖励待确定(xuchang.mfg_innovation_center.national)
    假如一家注册在许昌市的企业
    当测算奖励
    那么规则“xuchang.mfg_innovation_center.national”的结果为“待确定”
    而且规则“xuchang.mfg_innovation_center.national”缺少“已获得的认定、称号、名单”

  场景大纲: 战略性新兴产业企业年销售收入首次突破10亿、20亿、50亿元(xuchang.sei_sales_milestone.rev_1bn、xuchang.sei_sales_milestone.rev_2bn、xuchang.sei_sales_milestone.rev_5bn)
    假如一家注册在许昌市的企业
    而且该企业是战略性新兴产业企业
    而且该企业2018年销售收入为<2018年>亿元
    而且该企业2019年销售收入为<2019年>亿元
    当测算奖励
    那么规则“xuchang.sei_sales_milestone.rev_1bn”的结果为“<10亿档>”
    而且规则“xuchang.sei_sales_milestone.rev_2bn”的结果为“<20亿档>”
    而且规则“xuchang.sei_sales_milestone.rev_5bn”的结果为“<50亿档>”
    而且奖励合计为<合计>万元

    例子:
      | 2018年 | 2019年      | 10亿档 | 20亿档 | 50亿档 | 合计 |
      | 9      | 9.99999999  | 不符合 | 不符合 | 不符合 | 0    |
      | 9      | 10          | 不符合 | 不符合 | 不符合 | 0    |
      | 9      | 10.00000001 | 符合   | 不符合 | 不符合 | 10   |
      | 9      | 12          | 符合   | 不符合 | 不符合 | 10   |
      | 19     | 20          | 待确定 | 不符合 | 不符合 | 0    |
      | 19     | 20.00000001 | 待确定 | 符合   | 不符合 | 20   |
      | 8      | 25          | 符合   | 符合   | 不符合 | 30   |
      | 49     | 50          | 待确定 | 待确定 | 不符合 | 0    |
      | 49     | 50.00000001 | 待确定 | 待确定 | 符合   | 50   |
      | 9      | 60          | 符合   | 符合   | 符合   | 80   |

  场景: 此前已突破过的不是“首次突破”(xuchang.sei_sales_milestone.rev_1bn)
    假如一家注册在许昌市的企业
    而且该企业是战略性新兴产业企业
    而且该企业2016年销售收入为11亿元
    而且该企业2017年销售收入为9亿元
    而且该企业2018年销售收入为12亿元
    当测算奖励
    那么规则“xuchang.sei_sales_milestone.rev_1bn”的结果为“不符合”

  场景: 2016年首次突破的在方案期间之外(xuchang.sei_sales_milestone.rev_1bn)
    假如一家注册在许昌市的企业
    而且该企业是战略性新兴产业企业
    而且该企业2015年销售收入为9亿元
    而且该企业2016年销售收入为11亿元
    当测算奖励
    那么规则“xuchang.sei_sales_milestone.rev_1bn”的结果为“不符合”

  场景: 非战略性新兴产业企业不适用销售收入奖励(xuchang.sei_sales_milestone.rev_1bn)
    假如一家注册在许昌市的企业
    而且该企业不是战略性新兴产业企业
    而且该企业2018年销售收入为9亿元
    而且该企业2019年销售收入为12亿元
    当测算奖励
    那么规则“xuchang.sei_sales_milestone.rev_1bn”的结果为“不符合”

  场景: 其他城市的战略性新兴产业企业不适用(xuchang.sei_sales_milestone.rev_1bn)
    假如一家注册在包头市的企业
    而且该企业是战略性新兴产业企业
    而且该企业2018年销售收入为9亿元
    而且该企业2019年销售收入为12亿元
    当测算奖励
    那么规则“xuchang.sei_sales_milestone.rev_1bn”的结果为“不符合”

  场景: 缺少突破前一年度的销售收入时待确定(xuchang.sei_sales_milestone.rev_1bn)
    假如一家注册在许昌市的企业
    而且该企业是战略性新兴产业企业
    而且该企业2019年销售收入为12亿元
    当测算奖励
    那么规则“xuchang.sei_sales_milestone.rev_1bn”的结果为“待确定”
    而且规则“xuchang.sei_sales_milestone.rev_1bn”缺少“2018年度的年销售收入”

  场景: 未回答是否为战略性新兴产业企业时待确定(xuchang.sei_sales_milestone.rev_2bn)
    假如一家注册在许昌市的企业
    而且该企业2018年销售收入为19亿元
    而且该企业2019年销售收入为21亿元
    当测算奖励
    那么规则“xuchang.sei_sales_milestone.rev_2bn”的结果为“待确定”
    而且规则“xuchang.sei_sales_milestone.rev_2bn”缺少“是否为战略性新兴产业企业”

  场景: 当年尚未结束的销售收入不计入(xuchang.sei_sales_milestone.rev_1bn)
    假如测算日期为2019-11-30
    而且一家注册在许昌市的企业
    而且该企业是战略性新兴产业企业
    而且该企业2018年销售收入为9亿元
    而且该企业2019年销售收入为12亿元
    当测算奖励
    那么规则“xuchang.sei_sales_milestone.rev_1bn”的结果为“不符合”
    而且规则“xuchang.sei_sales_milestone.rev_1bn”的条件显示“2019年度尚未结束,不计入”
    而且有一条临近提示包含“还差1亿元”

  场景: 差一点突破10亿元时给出临近提示(xuchang.sei_sales_milestone.rev_1bn)
    假如一家注册在许昌市的企业
    而且该企业是战略性新兴产业企业
    而且该企业2018年销售收入为8亿元
    而且该企业2019年销售收入为9.2亿元
    当测算奖励
    那么规则“xuchang.sei_sales_milestone.rev_1bn”的结果为“不符合”
    而且有一条临近提示包含“2019年销售收入9.2亿元,距“首次突破10亿元”还差0.8亿元,对应10万元奖励”

  场景大纲: 新认定的新型工业化产业示范基地奖励产业集聚区(xuchang.industrialization_demo_base.national、xuchang.industrialization_demo_base.provincial)
    假如一家注册在<注册地>的<单位>
    而且该单位于<日期>获得<级别>“新型工业化产业示范基地”
    当测算奖励
    那么规则“xuchang.industrialization_demo_base.national”的结果为“<国家级结果>”
    而且规则“xuchang.industrialization_demo_base.provincial”的结果为“<省级结果>”

    例子:
      | 注册地 | 单位             | 日期       | 级别   | 国家级结果 | 省级结果 |
      | 长葛市 | 产业集聚区管委会 | 2018-12-01 | 国家级 | 符合       | 不符合   |
      | 襄城县 | 产业集聚区管委会 | 2019-01-10 | 省级   | 不符合     | 符合     |
      | 长葛市 | 企业             | 2018-12-01 | 国家级 | 不符合     | 不符合   |
      | 长葛市 | 产业集聚区管委会 | 2016-12-01 | 国家级 | 不符合     | 不符合   |

  场景大纲: 国家工业强基工程项目按国家资助的50%配套(xuchang.industrial_foundation.national_matching)
    假如一家注册在许昌市的企业
    而且该企业承担一个“工业强基工程项目”,<立项日期>立项
    而且该项目国家资助为<国家资助>万元
    当测算奖励
    那么规则“xuchang.industrial_foundation.national_matching”的结果为“<结果>”

    例子:
      | 立项日期   | 国家资助 | 结果   |
      | 2018-05-01 | 800      | 符合   |
      | 2018-05-01 | 0        | 不符合 |
      | 2017-06-15 | 800      | 不符合 |
      | 2021-01-01 | 800      | 不符合 |

  场景: 工业强基配套金额为国家资助的一半,多个项目合计(xuchang.industrial_foundation.national_matching)
    假如一家注册在许昌市的企业
    而且该企业承担一个“工业强基工程项目”,2018-05-01立项
    而且该项目国家资助为800万元
    而且该企业承担一个“工业强基工程项目”,2019-07-01立项
    而且该项目国家资助为300.0001万元
    当测算奖励
    那么规则“xuchang.industrial_foundation.national_matching”的奖励金额为5500001元
    而且规则“xuchang.industrial_foundation.national_matching”的支持方式为“配套资金”

  场景: 未填报国家资助金额时工业强基配套待确定(xuchang.industrial_foundation.national_matching)
    假如一家注册在许昌市的企业
    而且该企业承担一个“工业强基工程项目”,2018-05-01立项
    当测算奖励
    那么规则“xuchang.industrial_foundation.national_matching”的结果为“待确定”
    而且规则“xuchang.industrial_foundation.national_matching”缺少“项目国家资助金额”

  场景: 未填报项目情况时工业强基配套待确定(xuchang.industrial_foundation.national_matching)
    假如一家注册在许昌市的企业
    当测算奖励
    那么规则“xuchang.industrial_foundation.national_matching”的结果为“待确定”
    而且规则“xuchang.industrial_foundation.national_matching”缺少“承担的项目”

  场景大纲: 新获得国家制造业单项冠军称号按类别奖励(xuchang.single_champion.demo_enterprise、xuchang.single_champion.cultivation_enterprise、xuchang.single_champion.product)
    假如一家注册在许昌市的企业
    而且该企业于<日期>获得国家级“<称号>”
    当测算奖励
    那么规则“<规则>”的结果为“<结果>”
    而且奖励合计为<合计>万元

    例子:
      | 日期       | 称号                   | 规则                                           | 结果   | 合计 |
      | 2018-02-01 | 制造业单项冠军示范企业 | xuchang.single_champion.demo_enterprise        | 符合   | 50   |
      | 2016-12-01 | 制造业单项冠军示范企业 | xuchang.single_champion.demo_enterprise        | 不符合 | 0    |
      | 2019-02-01 | 单项冠军培育企业       | xuchang.single_champion.cultivation_enterprise | 符合   | 20   |
      | 2019-02-01 | 单项冠军培育企业       | xuchang.single_champion.demo_enterprise        | 不符合 | 20   |
      | 2020-02-01 | 单项冠军产品           | xuchang.single_champion.product                | 符合   | 10   |
      | 2022-02-01 | 单项冠军产品           | xuchang.single_champion.product                | 不符合 | 0    |
      | 2017-02-01 | 单项冠军培育企业       | xuchang.single_champion.cultivation_enterprise | 不符合 | 0    |

  场景大纲: 重大绿色化改造示范项目获省级补助后市级等额配套(xuchang.green_retrofit.municipal_matching)
    假如一家注册在许昌市的企业
    而且该企业承担一个“<类别>”,2019-04-01立项
    而且该项目新增投资额为<投资>万元
    而且该项目省级补助为<省级补助>万元
    当测算奖励
    那么规则“xuchang.green_retrofit.municipal_matching”的结果为“<结果>”

    例子:
      | 类别                       | 投资    | 省级补助 | 结果   |
      | 重大节能改造示范项目       | 999.99  | 100      | 不符合 |
      | 重大节能改造示范项目       | 1000    | 100      | 符合   |
      | 节水改造示范项目           | 1000.01 | 100      | 符合   |
      | 清洁生产改造示范项目       | 5000    | 0        | 不符合 |
      | 基础工艺绿色化改造示范项目 | 5000    | 200      | 符合   |
      | 技术改造项目               | 5000    | 200      | 不符合 |

  场景: 绿色化改造市级配套金额等于省级补助(xuchang.green_retrofit.municipal_matching)
    假如一家注册在许昌市的企业
    而且该企业承担一个“重大节能改造示范项目”,2019-04-01立项
    而且该项目新增投资额为1200万元
    而且该项目省级补助为150万元
    当测算奖励
    那么规则“xuchang.green_retrofit.municipal_matching”的奖励金额为150万元

  场景: 未填报省级补助时绿色化改造配套待确定(xuchang.green_retrofit.municipal_matching)
    假如一家注册在许昌市的企业
    而且该企业承担一个“节水改造示范项目”,2019-04-01立项
    而且该项目新增投资额为1200万元
    当测算奖励
    那么规则“xuchang.green_retrofit.municipal_matching”的结果为“待确定”
    而且规则“xuchang.green_retrofit.municipal_matching”缺少“项目省级补助金额”

  场景大纲: 进入国家绿色制造相关名单任一项奖励50万元一次(xuchang.green_list.national)
    假如一家注册在许昌市的企业
    而且该企业于<日期>获得国家级“<名单>”
    当测算奖励
    那么规则“xuchang.green_list.national”的结果为“<结果>”

    例子:
      | 日期       | 名单                     | 结果   |
      | 2018-06-01 | 水效“领跑者”名单         | 符合   |
      | 2018-06-01 | 绿色制造体系建设示范名单 | 符合   |
      | 2018-06-01 | 节能机电设备(产品)目录   | 符合   |
      | 2018-06-01 | “能效之星”产品目录       | 符合   |
      | 2016-06-01 | 绿色制造体系建设示范名单 | 不符合 |

  场景: 进入多个国家名单仍只奖一次,与省级目录可叠加(xuchang.green_list.national、xuchang.green_list.provincial_catalog)
    假如一家注册在许昌市的企业
    而且该企业于2018-06-01获得国家级“水效“领跑者”名单”
    而且该企业于2019-06-01获得国家级“绿色制造体系建设示范名单”
    而且该企业于2019-08-01获得省级“节能环保产品推广应用目录”
    当测算奖励
    那么规则“xuchang.green_list.national”的奖励金额为50万元
    而且规则“xuchang.green_list.provincial_catalog”的结果为“符合”
    而且奖励合计为70万元

  场景: 没有进入省级节能环保产品推广应用目录(xuchang.green_list.provincial_catalog)
    假如一家注册在许昌市的企业
    而且该企业没有获得任何认定、称号
    当测算奖励
    那么规则“xuchang.green_list.provincial_catalog”的结果为“不符合”
    而且规则“xuchang.green_list.national”的结果为“不符合”
    而且奖励合计为0万元

  场景大纲: 智能制造项目与省级智能工厂(车间)(xuchang.smart_mfg.national_project、xuchang.smart_mfg.provincial_smart_factory)
    假如一家注册在许昌市的企业
    而且该企业于<日期>获得<级别>“<称号>”
    当测算奖励
    那么规则“xuchang.smart_mfg.national_project”的结果为“<国家项目>”
    而且规则“xuchang.smart_mfg.provincial_smart_factory”的结果为“<省级工厂>”

    例子:
      | 日期       | 级别   | 称号                   | 国家项目 | 省级工厂 |
      | 2019-01-01 | 国家级 | 智能制造项目(试点示范) | 符合     | 不符合   |
      | 2019-01-01 | 省级   | 智能制造项目(试点示范) | 不符合   | 不符合   |
      | 2019-01-01 | 省级   | 智能工厂               | 不符合   | 符合     |
      | 2019-01-01 | 省级   | 智能车间               | 不符合   | 符合     |
      | 2019-01-01 | 市级   | 智能车间               | 不符合   | 不符合   |
      | 2016-01-01 | 省级   | 智能工厂               | 不符合   | 不符合   |

  场景: 战略性新兴产业企业销售收入由9亿增至12亿并获省级智能工厂,合计30万元(xuchang.sei_sales_milestone.rev_1bn、xuchang.smart_mfg.provincial_smart_factory)
    假如一家注册在许昌市建安区的企业
    而且该企业是战略性新兴产业企业
    而且该企业2018年销售收入为9亿元
    而且该企业2019年销售收入为12亿元
    而且该企业于2019-05-20获得省级“智能工厂”
    当测算奖励
    那么规则“xuchang.sei_sales_milestone.rev_1bn”的奖励金额为10万元
    而且规则“xuchang.smart_mfg.provincial_smart_factory”的奖励金额为20万元
    而且奖励合计为30万元
    而且结果中没有许昌市以外的措施

  场景大纲: 通过国家两化融合管理体系评定(xuchang.ii_integration.national_assessment)
    假如一家注册在许昌市的企业
    而且该企业于<日期>获得国家级“两化融合管理体系评定”
    当测算奖励
    那么规则“xuchang.ii_integration.national_assessment”的结果为“<结果>”

    例子:
      | 日期       | 结果   |
      | 2017-06-16 | 符合   |
      | 2017-06-15 | 不符合 |

  场景大纲: 制造业与互联网融合相关认定(xuchang.mfg_internet.national_pilot、xuchang.mfg_internet.provincial_pilot、xuchang.mfg_internet.shuangchuang_base_or_platform、xuchang.mfg_internet.industrial_cloud_demo)
    假如一家注册在许昌市的企业
    而且该企业于<日期>获得<级别>“<称号>”
    当测算奖励
    那么规则“<规则>”的结果为“<结果>”

    例子:
      | 日期       | 级别   | 称号                           | 规则                                               | 结果   |
      | 2018-09-01 | 国家级 | 制造业与互联网融合试点示范项目 | xuchang.mfg_internet.national_pilot                | 符合   |
      | 2018-09-01 | 省级   | 制造业与互联网融合试点示范项目 | xuchang.mfg_internet.national_pilot                | 不符合 |
      | 2018-09-01 | 省级   | 制造业与互联网融合试点示范项目 | xuchang.mfg_internet.provincial_pilot              | 符合   |
      | 2021-09-01 | 省级   | 制造业与互联网融合试点示范项目 | xuchang.mfg_internet.provincial_pilot              | 不符合 |
      | 2018-09-01 | 省级   | 制造业与互联网融合“双创”基地   | xuchang.mfg_internet.shuangchuang_base_or_platform | 符合   |
      | 2018-09-01 | 省级   | 制造企业“双创”平台             | xuchang.mfg_internet.shuangchuang_base_or_platform | 符合   |
      | 2016-09-01 | 省级   | 制造企业“双创”平台             | xuchang.mfg_internet.shuangchuang_base_or_platform | 不符合 |
      | 2018-09-01 | 省级   | 工业云示范平台                 | xuchang.mfg_internet.industrial_cloud_demo         | 符合   |
      | 2016-09-01 | 省级   | 工业云示范平台                 | xuchang.mfg_internet.industrial_cloud_demo         | 不符合 |

  场景: 同时通过“双创”基地和“双创”平台认定只奖一次(xuchang.mfg_internet.shuangchuang_base_or_platform)
    假如一家注册在许昌市的企业
    而且该企业于2018-09-01获得省级“制造业与互联网融合“双创”基地”
    而且该企业于2019-09-01获得省级“制造企业“双创”平台”
    当测算奖励
    那么规则“xuchang.mfg_internet.shuangchuang_base_or_platform”的奖励金额为20万元
    而且奖励合计为20万元

  场景大纲: 服务型制造示范企业(平台)按级别奖励(xuchang.service_mfg.national、xuchang.service_mfg.provincial)
    假如一家注册在许昌市的企业
    而且该企业于<日期>获得<级别>“服务型制造示范企业(平台)”
    当测算奖励
    那么规则“xuchang.service_mfg.national”的结果为“<国家级结果>”
    而且规则“xuchang.service_mfg.provincial”的结果为“<省级结果>”

    例子:
      | 日期       | 级别   | 国家级结果 | 省级结果 |
      | 2019-03-01 | 国家级 | 符合       | 不符合   |
      | 2019-03-01 | 省级   | 不符合     | 符合     |
      | 2021-03-01 | 国家级 | 不符合     | 不符合   |

  场景: 测算日期早于方案印发日时不在施行期(xuchang.smart_mfg.provincial_smart_factory)
    假如测算日期为2017-01-01
    而且一家注册在许昌市的企业
    而且该企业于2016-05-20获得省级“智能工厂”
    当测算奖励
    那么规则“xuchang.smart_mfg.provincial_smart_factory”的结果为“不在政策施行期”

  场景: 电力装备企业的非现金措施清单(不计入奖励合计)
    假如一家注册在许昌市长葛市的企业
    而且该企业所属行业为C38
    而且该企业属于“电力装备”领域
    而且该企业是战略性新兴产业企业
    而且该企业是规模以上工业企业
    而且该企业规模为中型企业
    而且该企业于2018-01-01获得国家级“高新技术企业”
    而且该企业于2019-03-01获得市级“首台(套)重大技术装备”
    而且该企业承担一个“技术改造项目”,2019-04-01立项
    而且该企业承担一个“列入省、市重点项目计划的重大项目”,2019-05-01立项
    当测算奖励
    那么规则“xuchang.tech_renovation.key_project_support”的结果为“可申报·需评审”
    而且规则“xuchang.tech_renovation.key_project_support”的支持方式为“市级重点支持,优先推荐申报省先进制造业发展专项资金”
    而且规则“xuchang.tech_renovation.key_project_support”引用条款“二(一)3”
    而且规则“xuchang.first_set.municipal_policy”的结果为“符合”
    而且规则“xuchang.key_project.coordination”的结果为“符合”
    而且规则“xuchang.honour.top10_transformation_demo”的结果为“可申报·需评审”
    而且规则“xuchang.hnte.cultivation_plan”的结果为“符合”
    而且规则“xuchang.sei.enterprise_pool”的结果为“符合”
    而且规则“xuchang.power_equipment.named_leaders”的结果为“符合”
    而且规则“xuchang.mil_civ.matchmaking”的结果为“符合”
    而且规则“xuchang.cleaner_production.voluntary”的结果为“符合”
    而且规则“xuchang.sme.large_enterprise_cooperation”的结果为“符合”
    而且规则“xuchang.capacity_exit.higher_level_funds”的结果为“不符合”
    而且规则“xuchang.robot.provincial_application”的结果为“不符合”
    而且规则“xuchang.finance.ipo_cultivation”的结果为“不符合”
    而且规则“xuchang.ecommerce.advantage_sectors”的结果为“不符合”
    而且规则“xuchang.county.xiangcheng_silicon”的结果为“不符合”
    而且规则“xuchang.park.vein_industrial_park”的结果为“不符合”
    而且奖励合计为0元
    而且结果中没有许昌市以外的措施

  场景大纲: 技术改造重点项目支持和机器人应用示范推荐(xuchang.tech_renovation.key_project_support、xuchang.robot.provincial_application)
    假如一家注册在许昌市的企业
    而且该企业承担一个“<类别>”,<立项日期>立项
    当测算奖励
    那么规则“xuchang.tech_renovation.key_project_support”的结果为“<重点支持评审>”
    而且规则“xuchang.robot.provincial_application”的结果为“<机器人评审>”

    例子:
      | 类别                   | 立项日期   | 重点支持 | 机器人 | 机器人评审    | 重点支持评审  |
      | 技术改造项目           | 2019-04-01 | 符合     | 不符合 | 不符合        | 可申报·需评审 |
      | 智能化(自动化)改造项目 | 2019-04-01 | 符合     | 符合   | 可申报·需评审 | 可申报·需评审 |
      | 技术改造项目           | 2017-06-15 | 不符合   | 不符合 | 不符合        | 不符合        |
      | 智能化(自动化)改造项目 | 2020-12-31 | 符合     | 符合   | 可申报·需评审 | 可申报·需评审 |
      | 智能化(自动化)改造项目 | 2021-01-01 | 不符合   | 不符合 | 不符合        | 不符合        |
      | 新增用地的工业项目     | 2019-04-01 | 不符合   | 不符合 | 不符合        | 不符合        |

  场景大纲: 重大绿色化改造示范项目推荐争取省级资金补助(xuchang.green_retrofit.provincial_recommendation)
    假如一家注册在许昌市的企业
    而且该企业承担一个“<类别>”,2019-04-01立项
    而且该项目新增投资额为<投资>万元
    当测算奖励
    那么规则“xuchang.green_retrofit.provincial_recommendation”的结果为“<结果评审>”

    例子:
      | 类别                       | 投资    | 结果   | 结果评审      |
      | 节水改造示范项目           | 999.99  | 不符合 | 不符合        |
      | 节水改造示范项目           | 1000    | 符合   | 可申报·需评审 |
      | 基础工艺绿色化改造示范项目 | 1000.01 | 符合   | 可申报·需评审 |
      | 技术改造项目               | 5000    | 不符合 | 不符合        |

  场景: 未填报新增投资额时推荐省级补助待确定(xuchang.green_retrofit.provincial_recommendation)
    假如一家注册在许昌市的企业
    而且该企业承担一个“清洁生产改造示范项目”,2019-04-01立项
    当测算奖励
    那么规则“xuchang.green_retrofit.provincial_recommendation”的结果为“待确定”
    而且规则“xuchang.green_retrofit.provincial_recommendation”缺少“项目新增投资额”

  场景大纲: 重点项目协调和工业云平台(xuchang.key_project.coordination、xuchang.cloud.third_party_platforms)
    假如一家注册在许昌市的企业
    而且该企业承担一个“<类别>”,2018-06-01立项
    当测算奖励
    那么规则“xuchang.key_project.coordination”的结果为“<协调>”
    而且规则“xuchang.cloud.third_party_platforms”的结果为“<云平台>”

    例子:
      | 类别                             | 协调   | 云平台 |
      | 列入省、市重点项目计划的重大项目 | 符合   | 不符合 |
      | 工业云、大数据平台建设项目       | 不符合 | 符合   |
      | 技术改造项目                     | 不符合 | 不符合 |

  场景大纲: 按所属领域列出的许昌市相关支持
    假如一家注册在许昌市的企业
    而且该企业所属行业为F52
    而且该企业属于“<领域>”领域
    当测算奖励
    那么规则“<规则>”的结果为“<结果>”

    例子:
      | 领域                           | 规则                                         | 结果   |
      | 孵化器、众创空间等创业载体运营 | xuchang.incubator.double_innovation_carriers | 符合   |
      | 纺织服装                       | xuchang.incubator.double_innovation_carriers | 不符合 |
      | 电力装备                       | xuchang.power_equipment.named_leaders        | 符合   |
      | 纺织服装                       | xuchang.power_equipment.named_leaders        | 不符合 |
      | 数控机床                       | xuchang.smart_equipment.enterprises          | 符合   |
      | 机器人                         | xuchang.smart_equipment.enterprises          | 符合   |
      | 纺织服装                       | xuchang.smart_equipment.enterprises          | 不符合 |
      | 发制品                         | xuchang.ecommerce.advantage_sectors          | 符合   |
      | 蜂产品                         | xuchang.ecommerce.advantage_sectors          | 符合   |
      | 卫浴陶瓷                       | xuchang.ecommerce.advantage_sectors          | 符合   |
      | 纺织服装                       | xuchang.ecommerce.advantage_sectors          | 不符合 |
      | 军民融合                       | xuchang.mil_civ.matchmaking                  | 符合   |
      | 纺织服装                       | xuchang.mil_civ.matchmaking                  | 不符合 |

  场景大纲: 襄城县硅材料产业只面向襄城县企业(xuchang.county.xiangcheng_silicon)
    假如一家注册在<注册地>的企业
    而且该企业属于“<领域>”领域
    当测算奖励
    那么规则“xuchang.county.xiangcheng_silicon”的结果为“<结果>”

    例子:
      | 注册地       | 领域     | 结果   |
      | 许昌市襄城县 | 硅材料   | 符合   |
      | 禹州市       | 硅材料   | 不符合 |
      | 许昌市       | 硅材料   | 不符合 |
      | 襄城县       | 纺织服装 | 不符合 |

  场景大纲: 面向制造业企业的许昌市非现金措施(xuchang.finance.industrial_funds、xuchang.finance.key_enterprise_credit、xuchang.fund.transformation_fund、xuchang.green_factory.provincial_support、xuchang.innovation_platforms.cultivation、xuchang.overseas.bases)
    假如一家注册在许昌市的企业
    而且该企业所属行业为<行业>
    而且该企业规模为大型企业
    当测算奖励
    那么规则“xuchang.innovation_platforms.cultivation”的结果为“<结果>”
    而且规则“xuchang.green_factory.provincial_support”的结果为“<结果>”
    而且规则“xuchang.finance.key_enterprise_credit”的结果为“<结果>”
    而且规则“xuchang.finance.industrial_funds”的结果为“<结果>”
    而且规则“xuchang.overseas.bases”的结果为“<结果>”
    而且规则“xuchang.fund.transformation_fund”的结果为“<结果>”
    而且规则“xuchang.honour.top10_transformation_demo”的结果为“<结果评审>”

    例子:
      | 行业 | 结果   | 结果评审      |
      | C38  | 符合   | 可申报·需评审 |
      | C14  | 符合   | 可申报·需评审 |
      | F52  | 不符合 | 不符合        |

  场景大纲: 去产能奖补资金面向煤炭、钢铁企业(xuchang.capacity_exit.higher_level_funds)
    假如一家注册在许昌市的企业
    而且该企业所属行业为<行业>
    当测算奖励
    那么规则“xuchang.capacity_exit.higher_level_funds”的结果为“<结果评审>”

    例子:
      | 行业 | 结果   | 结果评审      |
      | B06  | 符合   | 可申报·需评审 |
      | C31  | 符合   | 可申报·需评审 |
      | C30  | 不符合 | 不符合        |

  场景大纲: 按已获得的认定列出的许昌市措施
    假如一家注册在许昌市的企业
    而且该企业不是战略性新兴产业企业
    而且该企业于2019-03-01获得<级别>“<认定>”
    当测算奖励
    那么规则“<规则>”的结果为“<结果>”

    例子:
      | 级别   | 认定                 | 规则                               | 结果   |
      | 省级   | 首台(套)重大技术装备 | xuchang.first_set.municipal_policy | 符合   |
      | 国家级 | 高新技术企业         | xuchang.first_set.municipal_policy | 不符合 |
      | 国家级 | 高新技术企业         | xuchang.hnte.cultivation_plan      | 符合   |
      | 省级   | 首台(套)重大技术装备 | xuchang.hnte.cultivation_plan      | 不符合 |
      | 市级   | 上市后备企业(培育库) | xuchang.finance.ipo_cultivation    | 符合   |
      | 国家级 | 境内外证券交易所上市 | xuchang.finance.ipo_cultivation    | 不符合 |

  场景大纲: 战略性新兴企业库、清洁生产和中小企业协作(xuchang.sei.enterprise_pool、xuchang.cleaner_production.voluntary、xuchang.sme.large_enterprise_cooperation)
    假如一家注册在许昌市的企业
    而且该企业<战新>战略性新兴产业企业
    而且该企业<规上>规模以上工业企业
    而且该企业规模为<规模>
    当测算奖励
    那么规则“xuchang.sei.enterprise_pool”的结果为“<企业库>”
    而且规则“xuchang.cleaner_production.voluntary”的结果为“<清洁生产>”
    而且规则“xuchang.sme.large_enterprise_cooperation”的结果为“<协作>”

    例子:
      | 战新 | 规上 | 规模     | 企业库 | 清洁生产 | 协作   |
      | 是   | 是   | 小型企业 | 符合   | 符合     | 符合   |
      | 不是 | 不是 | 大型企业 | 不符合 | 不符合   | 不符合 |

  场景: 产业集聚区管委会适用静脉产业园和“双创”载体措施
    假如一家注册在许昌市建安区的产业集聚区管委会
    当测算奖励
    那么规则“xuchang.park.vein_industrial_park”的结果为“符合”
    而且规则“xuchang.incubator.double_innovation_carriers”的结果为“符合”

  场景: 方案印发前测算时非现金措施不在施行期(xuchang.sei.enterprise_pool)
    假如测算日期为2017-06-15
    而且一家注册在许昌市的企业
    而且该企业是战略性新兴产业企业
    当测算奖励
    那么规则“xuchang.sei.enterprise_pool”的结果为“不在政策施行期”

  场景: 其他城市的企业不适用许昌市非现金措施(xuchang.sei.enterprise_pool)
    假如一家注册在包头市的企业
    而且该企业是战略性新兴产业企业
    当测算奖励
    那么规则“xuchang.sei.enterprise_pool”的结果为“不符合”

  场景大纲: 年度在12月31日结束,当日即可计入该年度的销售收入(xuchang.sei_sales_milestone.rev_1bn、xuchang.sei_sales_milestone.rev_2bn)
    假如测算日期为<测算日期>
    而且一家注册在许昌市的企业
    而且该企业是战略性新兴产业企业
    而且该企业2018年销售收入为9亿元
    而且该企业2019年销售收入为23亿元
    当测算奖励
    那么规则“xuchang.sei_sales_milestone.rev_1bn”的结果为“<10亿档>”
    而且规则“xuchang.sei_sales_milestone.rev_2bn”的结果为“<20亿档>”
    而且奖励合计为<合计>万元

    例子:
      | 测算日期   | 10亿档 | 20亿档 | 合计 |
      | 2019-12-30 | 不符合 | 不符合 | 0    |
      | 2019-12-31 | 符合   | 符合   | 30   |
      | 2020-01-01 | 符合   | 符合   | 30   |

  场景: 测算日所在年度尚未结束时,结果说明该年度不计入(xuchang.sei_sales_milestone.rev_1bn)
    假如测算日期为2020-06-30
    而且一家注册在许昌市的企业
    而且该企业是战略性新兴产业企业
    而且该企业2019年销售收入为9亿元
    而且该企业2020年销售收入为12亿元
    当测算奖励
    那么规则“xuchang.sei_sales_milestone.rev_1bn”的结果为“不符合”
    而且规则“xuchang.sei_sales_milestone.rev_1bn”的条件显示“2020年度尚未结束,不计入”

  场景: 只填报了尚未结束的年度时待确定(xuchang.sei_sales_milestone.rev_1bn)
    假如测算日期为2020-06-30
    而且一家注册在许昌市的企业
    而且该企业是战略性新兴产业企业
    而且该企业2020年销售收入为12亿元
    当测算奖励
    那么规则“xuchang.sei_sales_milestone.rev_1bn”的结果为“待确定”
    而且规则“xuchang.sei_sales_milestone.rev_1bn”缺少“2020年度尚未结束,不计入”

  场景: 2016年已有国家级试点示范项目,2018年又有新项目入选,新项目计奖(xuchang.mfg_internet.national_pilot)
    假如一家注册在许昌市的企业
    而且该企业于2016-05-01获得国家级“制造业与互联网融合试点示范项目”
    而且该企业于2018-09-01获得国家级“制造业与互联网融合试点示范项目”
    当测算奖励
    那么规则“xuchang.mfg_internet.national_pilot”的结果为“符合”
    而且规则“xuchang.mfg_internet.national_pilot”有1个称号符合
    而且规则“xuchang.mfg_internet.national_pilot”的奖励金额为50万元

  场景: 计入期内两个项目入选国家级试点示范,按项目各奖一次(xuchang.mfg_internet.national_pilot、xuchang.mfg_internet.provincial_pilot)
    假如一家注册在许昌市的企业
    而且该企业于2018-09-01获得国家级“制造业与互联网融合试点示范项目”
    而且该企业于2019-09-01获得国家级“制造业与互联网融合试点示范项目”
    而且该企业于2019-10-01获得省级“制造业与互联网融合试点示范项目”
    当测算奖励
    那么规则“xuchang.mfg_internet.national_pilot”的奖励金额为100万元
    而且规则“xuchang.mfg_internet.provincial_pilot”的奖励金额为20万元
    而且奖励合计为120万元

  场景: 试点示范项目的复核不是新入选(xuchang.mfg_internet.national_pilot)
    假如一家注册在许昌市的企业
    而且该企业于2016-05-01获得国家级“制造业与互联网融合试点示范项目”
    而且该企业于2018-09-01获得国家级“制造业与互联网融合试点示范项目”(复核、续期)
    当测算奖励
    那么规则“xuchang.mfg_internet.national_pilot”的结果为“不符合”
    而且奖励合计为0万元

  场景大纲: 一个工厂2016年获评、另一个2018年获评,新获评的计奖;复核不算(xuchang.smart_mfg.provincial_smart_factory)
    假如一家注册在许昌市的企业
    而且该企业于2016-03-01获得省级“智能工厂”
    而且<后一称号>
    当测算奖励
    那么规则“xuchang.smart_mfg.provincial_smart_factory”的结果为“<结果>”
    而且奖励合计为<合计>万元

    例子:
      | 后一称号                                         | 结果   | 合计 |
      | 该企业于2018-03-01获得省级“智能工厂”             | 符合   | 20   |
      | 该企业于2018-03-01获得省级“智能车间”             | 符合   | 20   |
      | 该企业于2018-03-01获得省级“智能工厂”(复核、续期) | 不符合 | 0    |
      | 该企业于2021-03-01获得省级“智能工厂”             | 不符合 | 0    |

  场景: 计入期内两个工厂获评,按企业奖励一次(xuchang.smart_mfg.provincial_smart_factory)
    假如一家注册在许昌市的企业
    而且该企业于2018-03-01获得省级“智能工厂”
    而且该企业于2019-03-01获得省级“智能车间”
    当测算奖励
    那么规则“xuchang.smart_mfg.provincial_smart_factory”的奖励金额为20万元

  场景: 两个产品获单项冠军产品称号,按产品各奖一次(xuchang.single_champion.product)
    假如一家注册在许昌市的企业
    而且该企业于2016-11-01获得国家级“单项冠军产品”
    而且该企业于2017-11-01获得国家级“单项冠军产品”
    而且该企业于2019-11-01获得国家级“单项冠军产品”
    当测算奖励
    那么规则“xuchang.single_champion.product”有2个称号符合
    而且规则“xuchang.single_champion.product”的奖励金额为20万元

  场景: 两个项目被评为国家级智能制造项目,按项目各奖一次(xuchang.smart_mfg.national_project)
    假如一家注册在许昌市的企业
    而且该企业于2018-01-01获得国家级“智能制造项目(试点示范)”
    而且该企业于2019-01-01获得国家级“智能制造项目(试点示范)”
    当测算奖励
    那么规则“xuchang.smart_mfg.national_project”的奖励金额为100万元

  场景: 示范企业称号在计入期内复核,不算新获得(xuchang.single_champion.demo_enterprise)
    假如一家注册在许昌市的企业
    而且该企业于2016-11-01获得国家级“制造业单项冠军示范企业”
    而且该企业于2019-11-01获得国家级“制造业单项冠军示范企业”(复核、续期)
    当测算奖励
    那么规则“xuchang.single_champion.demo_enterprise”的结果为“不符合”
    而且规则“xuchang.single_champion.demo_enterprise”的条件显示“计入期内无新获得”

  场景大纲: 施行期、计入期与到期(xuchang.mfg_innovation_center.national)
    假如测算日期为<测算日期>
    而且一家注册在许昌市的企业
    而且该企业于2019-09-01获得国家级“制造业创新中心”
    当测算奖励
    那么规则“xuchang.mfg_innovation_center.national”的结果为“<结果>”
    而且文件“xuchang-2017-29”的施行状态为“<状态>”
    而且文件“xuchang-2017-29”的说明包含“<说明>”

    例子:
      | 测算日期   | 结果           | 状态   | 说明                         |
      | 2019-08-31 | 不符合         | 施行中 | 施行至2020年12月31日         |
      | 2019-09-01 | 符合           | 施行中 | 计入2017年6月16日至          |
      | 2020-12-31 | 符合           | 施行中 | 施行至2020年12月31日         |
      | 2021-01-01 | 不在政策施行期 | 已到期 | 已于2020年12月31日到期       |
      | 2026-11-22 | 不在政策施行期 | 已到期 | 可按到期日2020-12-31重新测算 |

  场景: 方案施行之前测算,页面说明尚未施行(xuchang.mfg_innovation_center.provincial)
    假如测算日期为2017-06-15
    而且一家注册在许昌市的企业
    而且该企业没有获得任何认定、称号
    当测算奖励
    那么规则“xuchang.mfg_innovation_center.provincial”的结果为“不在政策施行期”
    而且文件“xuchang-2017-29”的施行状态为“尚未施行”

