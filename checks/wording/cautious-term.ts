/** wording.cautious-term — terms the Xinhua style rules ask to use with care (wordlists/xinhua-cautious.json). */
import { listRule } from './list-rule';

export const cautiousTerm = listRule({
  id: 'wording.cautious-term',
  family: 'wording',
  title: '慎用词 (term to use with care)',
  severity: 'low',
  duty: 'content',
  basis: '新华社《新闻信息报道中的禁用词和慎用词》(2016年7月修订)',
  description: 'Informal or outdated forms (村长, 村官, 前苏联) with the formal one; a reminder for the editor, never a veto.',
  fix: '视语境改用建议的正式称谓。 Prefer the suggested formal term.',
  version: 1,
  sensitive: false,
});
