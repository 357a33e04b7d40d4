/**
 * Bot challenges a firewall serves in place of a page (test/fixtures/bot-challenges, one for each
 * product a government site commonly sits behind, written for this project in each one's shape),
 * against pages that must stay pages: the realistic quiet pages, tamper corpus pages full of
 * scripts, and small pages that redirect or set cookies for other reasons.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { challengeOf } from '../../../pipelines/sources/bot-challenge';
import { INJECTIONS, tamperCorpus } from '../../fixtures/tamper/corpus';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const read = (dir: string, f: string) => readFileSync(join(FIXTURES, dir, f), 'utf8');

describe('challengeOf', () => {
  it.each([
    ['ruishu.html', '瑞数 (Rivers Security)'],
    ['aliyun.html', '阿里云 WAF'],
    ['360wzws.html', '360网站卫士'],
    ['safedog.html', '安全狗'],
    ['yunsuo.html', '云锁'],
    ['cloudflare.html', 'Cloudflare'],
    // 加速乐 spells its cookie's name out of pieces, so only the shape gives it away.
    ['jiasule.html', 'a script that sets a cookie and reloads the page'],
  ])('%s is a challenge from %s', (file, product) => {
    expect(challengeOf(read('bot-challenges', file))).toBe(product);
  });

  it('no realistic government page is a challenge', () => {
    const pages = readdirSync(join(FIXTURES, 'quiet-pages')).map((f) => read('quiet-pages', f));
    expect(pages.length).toBeGreaterThan(5);
    for (const html of pages) expect(challengeOf(html)).toBeUndefined();
  });

  it('no tampered page is taken for a challenge, not even one that is nothing but the injected script', () => {
    for (const c of tamperCorpus()) expect(challengeOf(c.html)).toBeUndefined();
    // A homepage replaced by a bare redirect or obfuscated script must reach tamper.injected-script.
    for (const i of INJECTIONS) expect(challengeOf(`<html><head></head><body>${i.markup}</body></html>`)).toBeUndefined();
    expect(challengeOf('<html><body><script>document.cookie="v=1;path=/";window.location.href="https://www.amxpj.vip/";</script></body></html>')).toBeUndefined();
  });

  it.each([
    ['a script redirect to the real homepage', '<html><head><script>window.location.href="/index.html";</script></head><body></body></html>'],
    ['a meta refresh', '<html><head><meta http-equiv="refresh" content="0;url=/portal/"></head><body>跳转中</body></html>'],
    ['a short notice with an analytics script', '<html><body><h1>停电通知</h1><p>11月20日8:00至12:00城区部分线路停电检修。</p><script>var _hmt=_hmt||[];(function(){var hm=document.createElement("script");hm.src="https://hm.baidu.com/hm.js?abc";document.body.appendChild(hm);})();</script></body></html>'],
    [
      'a page with content that remembers a font size in a cookie and reloads',
      `<html><body><h1>示范市人民政府关于做好冬季安全生产工作的通知</h1><p>${'各县（市、区）人民政府，市政府各部门：为切实做好冬季安全生产工作，现就有关事项通知如下。'.repeat(6)}</p><script>function big(){document.cookie="fs=16;path=/";location.reload();}</script></body></html>`,
    ],
    ['a news article about a firewall product', `<html><body><p>${'我市网络安全培训介绍了安全狗、云锁等主机防护产品的配置方法，'.repeat(8)}</p><script>var a=1;</script></body></html>`],
  ])('%s is not a challenge', (_name, html) => {
    expect(challengeOf(html)).toBeUndefined();
  });
});
