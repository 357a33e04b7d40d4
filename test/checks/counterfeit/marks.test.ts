/** The identity marks read from markup: the survey's registration marks are the full reading's, without the names. */
import { malformedFilings, registrationMarks } from '../../../checks/counterfeit/marks';
import { corpus } from '../../fixtures/counterfeit/corpus';
import { tamperCorpus } from '../../fixtures/tamper/corpus';

describe('registrationMarks', () => {
  // Each mark is looked for only where its keyword is: the corpora's marks, counted by the reader
  // that searched every page for every mark (commit dae2db4), must all still be found.
  it('finds on the counterfeit and tamper corpora every mark the reader without keyword gates found', () => {
    const pages = [...corpus(), ...tamperCorpus()].map((c) => c.html);
    const found: Record<string, number> = {};
    const count = (k: string, n = 1) => (found[k] = (found[k] ?? 0) + n);
    for (const html of pages) {
      const m = registrationMarks(html);
      for (const c of m.siteCodes) count(c.from);
      count('conac', m.conac.length);
      count('icp', m.icp.length);
      count('psb', m.psb.length);
      if (m.siteName) count('siteName');
    }
    expect(pages.length).toBe(1761);
    expect(found).toEqual({ meta: 463, footer: 877, jiucuo: 873, conac: 1698, icp: 40, psb: 38, siteName: 462 });
  });

  it('finds marks a page writes with character entities, as its visitors read them', () => {
    // 公网安备 and ICP with their first characters as entities: the text shows them, the markup does not.
    const html = '<div>桂&#20844;网安备 45010202000001号 桂&#73;CP备05001234号 京&#73;CP10036469号</div>';
    expect(registrationMarks(html)).toMatchObject({ psb: ['桂公网安备45010202000001号'], icp: ['桂ICP备05001234号'] });
    expect(malformedFilings(html)).toEqual(['京ICP10036469号']);
  });

  it('reads the 找错 widget, the CONAC badge written by unescape and the footer code, and nothing from a page without them', () => {
    const html = [
      '<meta name="SiteIDCode" content="4501000001">',
      '<script id="_jiucuo_" sitecode="4501000002" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>',
      '<script>document.write(unescape("%3Cspan id=\'_ideConac\' %3E%3C/span%3E%3Cscript src=\'https://dcs.conac.cn/js/33/000/0000/60429971/CA330000000604299710001.js\'%3E%3C/script%3E"));</script>',
      '<div>网站标识码：4501000003</div>',
    ].join('');
    expect(registrationMarks(html)).toMatchObject({
      siteCodes: [{ value: '4501000001', from: 'meta' }, { value: '4501000003', from: 'footer' }, { value: '4501000002', from: 'jiucuo' }],
      conac: [{ script: '33/000/0000/60429971/CA330000000604299710001' }],
    });
    expect(registrationMarks('<title>通知</title><p>联系电话：0771-2345678</p>')).toEqual({ siteCodes: [], conac: [], icp: [], psb: [], title: '通知' });
  });
});
