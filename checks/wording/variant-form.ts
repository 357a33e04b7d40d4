/** wording.variant-form — words written in a form the national standard does not recommend (异形词), from wordlists/variant-forms.json. */
import { listRule } from './list-rule';

export const variantForm = listRule({
  id: 'wording.variant-form',
  family: 'wording',
  title: '非推荐词形 (a word in a form the standard does not recommend)',
  severity: 'low',
  duty: 'content',
  basis: '《第一批异形词整理表》(GF 1001—2001); 中华人民共和国国家通用语言文字法 第十七条 (公文使用规范汉字)',
  description:
    'Words with several written forms in the form GF 1001—2001 does not recommend (成份, 人材, 无庸置疑, 精采, 图象, 帐本 …), ' +
    'each with the recommended form. Forms that stand inside other words (确定单位, 相关连接) are not listed, and listed ' +
    'forms name the contexts where they are two words (个人材料, 按股分红).',
  fix: '改用推荐词形。 Use the recommended form.',
  version: 1,
  sensitive: false,
});
