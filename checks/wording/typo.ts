/** wording.typo — confusion pairs (wrong → right) from wordlists/typos.json and the user's lists. */
import { listRule } from './list-rule';

export const typo = listRule({
  id: 'wording.typo',
  family: 'wording',
  title: '错别字 (typo: wrong character)',
  severity: 'medium',
  duty: 'content',
  basis: '国办秘函〔2019〕19号 附件1 内容质量 (错别字); 国办发〔2015〕15号 附件2 严重错别字',
  description:
    'Wrong forms that are not words in government text (布署, 再接再励, 秸杆 …), each with its right form. Tuned for ' +
    'precision: a pair whose wrong form is also correct somewhere is left out rather than guarded by context.',
  fix: '按建议改正；如属专有名词或引文，在配置的 allow 中加入该词。 Correct the word, or allowlist a proper noun.',
  version: 1,
  sensitive: false,
});
