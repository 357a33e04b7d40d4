/**
 * Common Chinese surnames: the hundred most frequent in the Ministry of Public Security's household
 * register (公安部户政管理研究中心《二〇二〇年全国姓名报告》's ranking, which together cover about 85% of
 * the population) and the other single-character surnames common enough to head a list of
 * 先进个人 on a government page. Used to tell a list of people's names from running text: a name is
 * not a typo for the word its characters sound like (张成莉 is not 张成立).
 */
export const SURNAMES: ReadonlySet<string> = new Set([
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付傅方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文施洪辛柯庄葛牛温章涂',
  ...'甘栾宫纪邢岳巩支聂樊兰殷齐童欧舒骆包焦蒙鲁祝左艾滕时宁单柴翟阎车安伍颜倪耿关俞管季蔚房农邬裴晏麦臧符谷苗司游屈鲍蓝祁曲华窦柳穆郎芦尚晁鲜',
]);
