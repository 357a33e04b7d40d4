import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { typo } from '../../../checks/wording/typo';
import { createPage } from '../../../checks/page';
import { runCheckCases } from '../../helpers/check-tester';
import { testContext } from '../../helpers/context';

runCheckCases(typo, {
  valid: [
    { name: 'the right forms', text: '认真部署落实，再接再厉，禁止焚烧秸秆。' },
    { name: 'a wrong form split by a line break is two blocks', html: '<p>认真布</p><p>署落实</p>' },
    { name: 'empty page', text: '' },
    { name: 'lone surrogates and mixed scripts', text: '\ud800abc\udc00 Ｐｏｌｉｃｙ 政策 politics' },
    { name: 'the issuer of a 发文字号 is a code, not words', text: '根据崇政发〔2021〕2号和示政任〔2026〕12号文件。' },
    { name: 'plain government prose', text: '各部门要认真贯彻落实，及时上报工作进展情况，严厉打击违法行为，切实维护群众权益，全面提升服务效率。' },
    { name: 'a character that stands alone by right (不, 之, 至)', text: '贫困县摘帽不摘责任，把乡村振兴作为重中之重，活动时间为6月1日至7月4日。' },
    { name: 'a term the page repeats is its own word', text: '设立科创板。支持科创板企业上市，完善科创板制度。' },
    { name: 'a leader\'s name is left to wording.leader-name', text: '习近平总书记强调，要坚持以人民为中心。' },
    { name: 'a real word that sounds like another (防空) is not guessed at', text: '组织开展春季动物疫病防空工作。' },
    { name: 'people named in a list are not words misspelt (张成莉 is not 张成立)', text: '全国三八红旗手名单：\n张成莉（女）　河北省某县人民医院\n刘世杰　广州市某区街道办事处\n王丽莉（女）　某市妇联' },
    { name: 'a parallel coinage (特岗特薪, 涉法涉诉) is not a slip', text: '对乡村教师实行特岗特薪，依法处理涉法涉诉信访事项。' },
    { name: 'the names of villages, towns and companies are not misspelt words', text: '嘉兴市秀洲区王江泾镇虹北村党支部；湖北顺丰速运有限公司；海口市金贸街道。' },
    { name: 'villages of minority regions (寨, 屯) are names too', text: '三江侗族自治县程阳八寨；那坡县弄汪屯群众。' },
    { name: 'a slogan in quotation marks coins its own words', text: '推广浙江省“浙里办”经验。' },
  ],
  invalid: [
    { name: 'a 通报 case', text: '市攻府办公室发布通知。', spans: [{ match: '攻府', severity: 'high' }] },
    { name: 'a common slip', html: '<div><p>要认真布署，再接再励。</p></div>', spans: [{ match: '布署', severity: 'medium' }, { match: '再接再励', severity: 'medium' }] },
    { name: 'a zero-width character inside the word is seen through', text: '认真布\u200b署落实', spans: [{ match: '布\u200b署' }] },
    { name: 'in hidden text, marked hidden', html: '<p>正文</p><div style="display:none">禁止焚烧秸杆</div>', spans: [{ match: '秸杆', hidden: true }] },
    { name: 'on a huge single line', text: '政务公开。'.repeat(20000) + '成立政务公开领导小姐。', spans: [{ match: '领导小姐', severity: 'high' }] },
    { name: 'beyond the list: a same-sound character that makes no word (维户)', text: '切实维户人民群众合法权益。', spans: [{ match: '户', severity: 'medium' }] },
    { name: 'beyond the list: 严历打击', text: '开展专项整治行动，严历打击违法行为。', spans: [{ match: '历' }] },
    { name: 'a slip just before a 发文字号 is still a slip', text: '跟据崇政发〔2021〕2号文件要求，严历打击违法行为。', spans: [{ match: '跟' }, { match: '历' }] },
    { name: 'beyond the list, read in context: 大数局产业 → 大数据产业', text: '内蒙古自治区乌兰察布市大力培育发展大数局产业。', spans: [{ match: '局' }] },
    { name: 'a slip before an ordinary word ending in 村 is still seen (农村 is a word, not a village)', text: '深化科技菅理农村改革。', spans: [{ match: '菅' }] },
    { name: 'the misspelt name of a county is still seen (自冶县 → 自治县)', text: '新疆察布查尔锡伯自冶县阔洪奇乡开展专项行动。', spans: [{ match: '冶' }] },
    { name: 'beyond the list, a look-alike: 菅理 → 管理, 枝术 → 技术', text: '深化科技菅理体制改革。加强对专业枝术人员的培训。', spans: [{ match: '菅' }, { match: '枝' }] },
    { name: 'a look-alike by a stroke (wordlists/char-lookalikes.json), not a component: 己经 → 已经', text: '各项准备工作己经完成。', spans: [{ match: '己' }] },
    { name: 'beyond the list: 效律, 建意 and 增常 in one page', text: '全面提升政务服务效律。广泛征求社会各界意见和建意。同比增常百分之八。', spans: [{ match: '律' }, { match: '意' }, { match: '常' }] },
  ],
});

describe('wording.typo beyond the list', () => {
  const run = (text: string) => typo.run(createPage({ siteId: 's', url: 'https://www.example.gov.cn/a.html', fetchedAt: 't', contentType: 'text', source: text, origin: 'file' }), testContext());

  it('suggests the word and says why', () => {
    const [span] = run('全面提升政务服务效律。') as { suggestion?: string; message?: string }[];
    expect(span?.suggestion).toBe('效率');
    expect(span?.message).toContain('“效律”疑为“效率”');
  });

  it('says whether the suggestion sounds or looks like the character', () => {
    const [looks] = run('深化科技菅理体制改革。') as { message?: string }[];
    expect(looks?.message).toContain('形近的“管”');
    const [sounds] = run('开展专项整治行动，严历打击违法行为。') as { message?: string }[];
    expect(sounds?.message).toContain('同音的“厉”');
  });

  it('finds a same-sound slip in a frequent government term, and leaves text that reads as written', () => {
    const slips = (text: string) => (run(text) as { suggestion?: string }[]).map((x) => x.suggestion);
    expect(slips('要认真贯彻落时党中央决策部署。')).toEqual(['贯彻落实']);
    expect(slips('提升社会治里水平，加强基础设使建设，改善生态环竟。')).toEqual(['社会治理', '基础设施', '生态环境']);
    // 自理 is a word: 社会自理能力 reads as written; and the terms themselves are no slips.
    expect(run('提高老年人社会自理能力。社会治理，贯彻落实，基础设施建设。')).toEqual([]);
  });

  it('is silent without word frequencies (a context that loads none)', () => {
    const page = createPage({ siteId: 's', url: 'https://www.example.gov.cn/a.html', fetchedAt: 't', contentType: 'text', source: '全面提升政务服务效律。', origin: 'file' });
    expect(typo.run(page, { ...testContext(), frequencies: undefined })).toEqual([]);
  });

  it('leaves a phrase on the allow list alone', () => {
    const page = createPage({ siteId: 's', url: 'https://www.example.gov.cn/a.html', fetchedAt: 't', contentType: 'text', source: '全面提升政务服务效律。', origin: 'file' });
    expect(typo.run(page, { ...testContext(), wordlists: { lists: [], allow: ['服务效律'] } })).toEqual([]);
  });

  // ECSpell ODW train split (shared/corpus/odw, MIT): tuned on lines whose index mod 10 is below 7,
  // measured here on the rest, which tuning never looked at.
  const ODW = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'odw', 'odw.train');
  (existsSync(ODW) ? it : it.skip)('holds precision on the held-out part of the ODW train split', () => {
    let tp = 0;
    let fp = 0;
    let wrongSentences = 0;
    readFileSync(ODW, 'utf8').split('\n').filter(Boolean).forEach((line, i) => {
      if (i % 10 < 7) return;
      const [label, src, tgt] = line.split('\t') as [string, string, string];
      const wrong = new Set<number>();
      for (let k = 0; k < src.length; k++) if (src[k] !== tgt[k]) wrong.add(k);
      if (label !== '0') wrongSentences++;
      const spans = run(src) as { start: number; end: number }[];
      if (!spans.length) return;
      if (spans.some((s) => [...wrong].some((k) => k >= s.start && k < s.end))) tp++;
      else fp++;
    });
    expect(wrongSentences).toBeGreaterThan(250);
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.9);
    // The wording benchmark prints about 0.32 with every rule (this tier alone: about 0.30; the
    // list alone: 0.01); a fall means the tier broke.
    expect(tp / wrongSentences).toBeGreaterThanOrEqual(0.26);
  });
});
