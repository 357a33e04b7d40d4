/** wording.banned-term — terms the Xinhua style rules forbid, from wordlists/xinhua-banned.json. */
import { listRule } from './list-rule';

export const bannedTerm = listRule({
  id: 'wording.banned-term',
  family: 'wording',
  title: '禁用词 (term forbidden by the Xinhua style rules)',
  severity: 'high',
  duty: 'content',
  basis: '新华社《新闻信息报道中的禁用词和慎用词》(2016年7月修订); 国办秘函〔2019〕19号 单项否决 1 (严重表述错误)',
  description:
    'Discriminatory names (残废人, 瞎子), wrong political and territorial forms (中港台, 台湾总统, “一带一路”战略, 北朝鲜, ' +
    '世界贸易组织成员国), titles (XX省省委书记) and absolute claims in medical reporting, each with the preferred wording.',
  fix: '按建议改用规范称谓。 Use the suggested wording.',
  version: 1,
  sensitive: false,
});
