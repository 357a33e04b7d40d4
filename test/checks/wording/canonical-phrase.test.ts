import { canonicalPhrase, editDistance } from '../../../checks/wording/canonical-phrase';
import { runCheckCases } from '../../helpers/check-tester';

runCheckCases(canonicalPhrase, {
  valid: [
    { name: 'short expressions written right', text: '增强“四个意识”、坚定“四个自信”、做到“两个维护”，深刻领悟“两个确立”，发展全过程人民民主，推进中国式现代化。' },
    { name: 'a sound-alike that reads as other words', text: '这是个全面的方案，讲了四个意思。' },
    { name: 'the exact forms', text: '依据中华人民共和国宪法，全国人民代表大会常务委员会，以习近平新时代中国特色社会主义思想为指导。' },
    { name: 'a correct neighbour one character away', text: '建设社会主义核心价值体系。' },
    { name: 'a phrase cut by a line break', text: '中华人民共和\n国成立七十周年' },
    { name: 'a longer correct phrase', text: '习近平新时代中国特色社会主义经济思想' },
    { name: 'a different name that shares a half', text: '中国人民解放军' },
  ],
  invalid: [
    { name: 'a short expression with a same-sound character', text: '坚决做到两个唯护。', spans: [{ match: '两个唯护', severity: 'critical' }] },
    { name: 'a same-sound character at the end, before punctuation', text: '坚定不移推进全面从严治当。', spans: [{ match: '全面从严治当', severity: 'high' }] },
    { name: 'two characters swapped in a short expression', text: '坚定四个信自。', spans: [{ match: '四个信自', severity: 'critical' }] },
    { name: 'a 通报 case of the country name', text: '依据中华人民共合国宪法', spans: [{ match: '中华人民共合国', severity: 'critical' }] },
    { name: 'swapped characters', text: '全国人民代表大会常务委会员公告', spans: [{ match: '全国人民代表大会常务委会员', severity: 'critical' }] },
    { name: 'a wrong character in a key expression', html: '<p>深入学习贯彻习近平新时代中国特色社会主意思想</p>', spans: [{ match: '习近平新时代中国特色社会主意思想', severity: 'critical' }] },
    { name: 'a missing character', text: '实现中华民族伟复兴', spans: [{ match: '中华民族伟复兴', severity: 'high' }] },
    { name: 'an extra character', text: '中国人民政治协商商会议', spans: [{ match: '中国人民政治协商商会议' }] },
    { name: 'a known wrong form', text: '开展扫黑险恶专项斗争', spans: [{ match: '扫黑险恶', severity: 'high' }] },
    { name: 'a title that does not exist', text: '全国人大副委员长出席', spans: [{ match: '全国人大副委员长', severity: 'high' }] },
  ],
});

describe('editDistance', () => {
  it('counts a swap as one edit and stops early', () => {
    expect(editDistance('委员会', '委会员')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('abcd', 'ab', 1)).toBe(2);
    expect(editDistance('中华人民共和国', '中华人民共合国')).toBe(1);
  });
});
