/**
 * The four-character terms government text writes most: each occurs at least 10 times in the 597
 * clean government documents of shared/corpus/gov-docs (counted when the list was written: 基础设施
 * 835, 贯彻落实 578 … 招商引资 13). A same-sound slip in one (贯彻落时, 依法行正, 基层党键) reads as
 * plausible single characters to a word-unigram model, so the reading tier scores it under its bar;
 * the terms are matched by sound instead, like the 规范表述.
 */
export const GOV_TERMS: readonly string[] = [
  '基础设施', '生态环境', '监督管理', '公共服务', '贯彻落实', '社会保障', '食品安全', '组织实施', '市场监管', '体制机制',
  '加快推进', '安全生产', '科技创新', '监督检查', '工作机制', '生产经营', '质量安全', '统筹推进', '依法依规', '信息公开',
  '统筹协调', '营商环境', '疫情防控', '脱贫攻坚', '实施方案', '转型升级', '因地制宜', '持续推进', '改革创新', '人居环境',
  '政务公开', '全面推进', '深化改革', '行政审批', '深入实施', '指导意见', '综合治理', '督促检查', '考核评价', '工作方案',
  '社会治理', '风险防控', '政策支持', '环境整治', '应急管理', '政府采购', '防灾减灾', '共建共享', '联防联控', '责任落实',
  '扎实推进', '服务保障', '绩效评价', '依法行政', '专项行动', '分类指导', '宣传引导', '协调配合', '规范管理', '提质增效',
  '城乡融合', '基层党建', '加强领导', '落地见效', '公平正义', '区域协调', '精准扶贫', '压实责任', '资金保障', '民生保障',
  '便民服务', '精准施策', '狠抓落实', '招商引资', '标本兼治', '务求实效',
];
