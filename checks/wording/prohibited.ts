/**
 * wording.prohibited — gambling, pornography, contraband, forged documents, reactionary slogans and
 * commercial advertising (wordlists/prohibited.json), matched through spaces, punctuation and
 * traditional characters, silent where government text names them to fight them.
 */
import { listRule } from './list-rule';

export const prohibited = listRule({
  id: 'wording.prohibited',
  family: 'wording',
  title: '违禁内容 (prohibited content or advertising)',
  severity: 'high',
  duty: 'content',
  basis: '国办秘函〔2019〕19号 单项否决 1 (发布或链接反动、暴力、色情等内容); 政务新媒体检查指标 (不得刊登商业广告)',
  description:
    'A curated list that stays silent on clean government text (public sensitive-word lists fire 12–44 times per 1,000 ' +
    'characters there). Matches survive up to two spaces or punctuation marks between characters and traditional ' +
    'characters; 打击/查处/警惕… contexts and “X性交纳”-style compounds are allowed.',
  fix: '立即删除并排查是否被篡改或植入暗链；如为转载打击通报，可在 allow 中登记。 Remove it and check for tampering.',
  version: 1,
  sensitive: false,
});
