import { leaderName } from '../../../checks/wording/leader-name';
import { runCheckCases } from '../../helpers/check-tester';
import { createPage } from '../../../checks/page';
import { testContext } from '../../helpers/context';

const dated = (day: string, body: string) => `<html><head><meta name="PubDate" content="${day}"></head><body>${body}</body></html>`;

runCheckCases(leaderName, {
  valid: [
    { name: 'correct names and titles', html: dated('2024-05-01', '<p>国家主席习近平、国务院总理李强出席会议。赵乐际委员长主持。</p>') },
    { name: 'titles written right after the names', text: '习近平总书记指出，以习近平同志为核心的党中央。习近平主席出席。李强总理主持。' },
    { name: 'a local 李强 who sends a notice', text: '村委会主任李强通知各户按时缴费。' },
    { name: 'a homophone of a two-character name in ordinary words', text: '有利强化管理，大力强调纪律，望洋兴叹。' },
    { name: 'a former title marked as history', html: dated('2024-05-01', '<p>时任国务院总理李克强出席。原国务院总理李克强同志。</p>') },
    { name: 'an account of a year the title was held', html: dated('2024-05-01', '<p>2016年，李克强总理视察我市并作出重要指示。</p>') },
    { name: 'a past title on a page of that time', html: dated('2019-06-25', '<p>李克强总理在全国深化“放管服”改革电视电话会议上讲话。</p>') },
    { name: 'an undated archive page is not judged by the scan date', text: '李克强总理作出批示。' },
    {
      name: 'a local official whose given name sounds like a two-character leader\'s',
      text: '李蔷同志任村党支部书记。镇党委书记蔡琪在会上强调，韩峥同志主持会议，李喜书记指出，会议由李熙主持，副县长韩政出席。',
    },
    { name: 'a two-character variant beside a title its leader never held', text: '市政协主席韩政讲话。' },
    { name: 'vice titles are not the title', html: dated('2024-05-01', '<p>国务院副总理丁薛祥出席。</p>') },
  ],
  invalid: [
    { name: 'the title after a right name typed by sound', text: '在习近平总书计的坚强领导下，李强总里主持会议，习近平主习出席。', spans: [
      { match: '习近平总书计', severity: 'critical' },
      { match: '李强总里', severity: 'critical' },
      { match: '习近平主习', severity: 'critical' },
    ] },
    { name: '同志 typed by sound after a three-character name', text: '习近平同知强调。', spans: [{ match: '习近平同知' }] },
    { name: 'the real case: 杜家毫 written 杜家豪', text: '省委书记杜家豪主持会议。', spans: [{ match: '杜家豪', severity: 'critical' }] },
    { name: 'the press case with nothing after the name', text: '省委书记杜家豪', spans: [{ match: '杜家豪' }] },
    { name: 'a two-character variant beside the leader\'s own title', text: '李墙总理主持召开国务院常务会议。国务院常务副总理韩政出席。', spans: [{ match: '李墙' }, { match: '韩政' }] },
    { name: 'a homophone with a title', text: '习进平总书记强调', spans: [{ match: '习进平' }] },
    { name: 'a variant in a list of leaders', text: '习近平、李墙、赵乐际出席。', spans: [{ match: '李墙' }] },
    { name: 'swapped characters', text: '王宁沪同志出席。', spans: [{ match: '王宁沪' }] },
    { name: 'a title not held at the page date', html: dated('2024-05-01', '<p>国务院总理李克强出席会议。</p>'), spans: [{ match: '国务院总理李克强', severity: 'high' }] },
    { name: 'a year in the sentence outside the term does not excuse it', html: dated('2024-05-01', '<p>2024年，国务院总理李克强出席会议。</p>'), spans: [{ match: '国务院总理李克强', severity: 'high' }] },
    { name: 'a title not yet held', html: dated('2020-01-10', '<p>李强总理主持会议。</p>'), spans: [{ match: '李强总理', severity: 'high' }] },
  ],
});

describe('wording.leader-name: a title typed by sound', () => {
  it('suggests the name with its title', () => {
    const page = createPage({ siteId: 't', url: 'https://www.example.gov.cn/a.html', fetchedAt: new Date().toISOString(), contentType: 'text', source: '在习近平总书计的坚强领导下。', origin: 'file' });
    const spans = leaderName.run(page, testContext()) as { suggestion?: string; message?: string }[];
    expect(spans.map((s) => [s.suggestion, s.message])).toEqual([['习近平总书记', '领导人职务书写错误：应为“习近平总书记”']]);
  });
});
