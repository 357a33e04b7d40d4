import { extractVisibleText, isHiddenSpan, plainVisibleText, segmentsFor, selectorOf } from '../../../checks/text/visible-text';

describe('extractVisibleText', () => {
  it('drops script, style, template and head content; the title is kept apart and checked as a last line', () => {
    const vt = extractVisibleText('<html><head><title> 通知 </title><style>p{}</style></head><body><script>var a="秘密";</script><p>正文</p><template>模板</template></body></html>');
    expect(vt.text).toBe('正文\n通知');
    expect(vt.title).toBe('通知');
    expect(vt.segments.at(-1)).toMatchObject({ start: 3, end: 5, hidden: false });
    expect(vt.segments.at(-1)!.element!.name).toBe('title');
  });
  it('collapses whitespace and breaks lines at blocks', () => {
    const vt = extractVisibleText('<div>一\n   二</div><p>三</p>四<br>五');
    expect(vt.text).toBe('一 二\n三\n四\n五');
  });
  it('decodes entities and maps offsets back to the source element', () => {
    const html = '<p>甲&amp;乙</p><p id="x">丙丁</p>';
    const vt = extractVisibleText(html);
    const at = vt.text.indexOf('丙丁');
    const [seg] = segmentsFor(vt, at, at + 2);
    expect(vt.text.slice(at, at + 2)).toBe('丙丁');
    expect(seg!.element && selectorOf(seg!.element)).toBe('p#x');
    expect(html.slice(seg!.sourceStart, seg!.sourceStart + 2)).toBe('丙丁');
  });
  it('keeps hidden text but marks it hidden', () => {
    const cases = [
      '<div style="display:none">暗</div>',
      '<span hidden>暗</span>',
      '<div style="visibility: hidden">暗</div>',
      '<div style="font-size:0px">暗</div>',
      '<div style="position:absolute;left:-9999px">暗</div>',
    ];
    for (const html of cases) {
      const vt = extractVisibleText(`<p>明</p>${html}`);
      const at = vt.text.indexOf('暗');
      expect(at).toBeGreaterThan(-1);
      expect(segmentsFor(vt, at, at + 1).every((s) => s.hidden)).toBe(true);
      expect(segmentsFor(vt, 0, 1)[0]!.hidden).toBe(false);
    }
  });
  it('does not treat font-size:0.8em or left:-5px as hidden', () => {
    const vt = extractVisibleText('<p style="font-size:0.8em">小</p><p style="left:-5px">左</p>');
    expect(vt.segments.every((s) => !s.hidden)).toBe(true);
  });
  it('survives malformed HTML', () => {
    const vt = extractVisibleText('<div><p>未闭合<table><tr><td>格</div></span>尾');
    expect(vt.text).toContain('未闭合');
    expect(vt.text).toContain('尾');
  });
  it('gives nth-of-type selectors for repeated siblings', () => {
    const vt = extractVisibleText('<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>');
    const at = vt.text.indexOf('d');
    expect(selectorOf(segmentsFor(vt, at, at + 1)[0]!.element!)).toBe('table > tr:nth-of-type(2) > td:nth-of-type(2)');
  });
  it('handles a huge single-line page', () => {
    const big = '<p>' + '政'.repeat(2_000_000) + '</p>';
    expect(extractVisibleText(big).text.length).toBe(2_000_001);
  });
});

describe('plainVisibleText', () => {
  it('is the text itself, one visible segment', () => {
    const vt = plainVisibleText('标题\n正文');
    expect(vt.text).toBe('标题\n正文');
    expect(vt.title).toBe('标题');
    expect(segmentsFor(vt, 3, 5)).toHaveLength(1);
  });
  it('marks hidden ranges of an attachment part', () => {
    const vt = plainVisibleText('甲\t乙\n丙', [{ start: 2, end: 3 }]);
    expect(vt.segments.map((x) => [x.start, x.end, x.hidden])).toEqual([[0, 2, false], [2, 3, true], [3, 5, false]]);
    expect(isHiddenSpan(vt, 2, 3)).toBe(true);
    expect(isHiddenSpan(vt, 4, 5)).toBe(false);
  });
});
