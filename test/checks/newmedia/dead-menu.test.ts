/** newmedia.dead-menu: menu entries that do not open, judged only when the account's menu is known. */
import { deadMenu } from '../../../checks/newmedia/dead-menu';
import type { AccountFacts, MenuCheck, Span } from '../../../checks/types';
import { testContext, testSite } from '../../helpers/context';

const account = (menu?: MenuCheck[]): AccountFacts => ({
  id: 'fb', platform: 'wechat', name: '示范市发布', staleDays: 14, posts: 3, undated: 0, checked: 3, feed: 'https://rsshub.example.cn/wechat/fb', ...(menu ? { menu } : {}),
});
const run = (a: AccountFacts) => deadMenu.run(testSite({ account: a }), testContext());

describe('newmedia.dead-menu', () => {
  it('reports entries that answer 4xx/5xx, do not answer, or say they are missing', () => {
    const spans = run(account([
      { name: '办事大厅', url: 'https://zwfw.example.gov.cn/', status: 200 },
      { name: '社保查询', url: 'https://si.example.gov.cn/q', status: 404 },
      { name: '公积金', url: 'https://gjj.example.gov.cn/', status: 200, soft404: true },
      { name: '预约', url: 'https://yy.example.gov.cn/', error: 'timeout' },
    ])) as Span[];
    expect(spans.map((s) => s.url)).toEqual(['https://si.example.gov.cn/q', 'https://gjj.example.gov.cn/', 'https://yy.example.gov.cn/']);
    expect(spans[0]!.message).toContain('菜单“社保查询”打不开');
    expect(spans[1]!.message).toContain('页面不存在');
  });
  it('does not judge an entry robots.txt kept us from, nor an account whose menu is not configured', () => {
    expect(run(account([{ name: '内部', url: 'https://a.example.gov.cn/x', error: 'robots' }]))).toEqual([]);
    expect(run(account())).toMatchObject({ skipped: expect.any(String) });
  });
});
