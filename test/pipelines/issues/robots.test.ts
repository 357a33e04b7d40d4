import { testStore } from '../../helpers/test-store';
import { dingtalkSign } from '../../../pipelines/sinks/dingtalk';
import { feishuSign } from '../../../pipelines/sinks/feishu';
import { fitDigest } from '../../../pipelines/sinks/deliver';
import { redactWebhook } from '../../../pipelines/sinks/sink';
import { deliverPending, LedgerHandle } from '../../../pipelines/filing';
import { silentLogger } from '../../../pipelines/log';
import { outboxEntries, receipts } from '../../../pipelines/store/outbox';
import { Store } from '../../../pipelines/store/store';
import { startFakeRobots, type FakeRobots } from '../../helpers/fake-trackers';
import { fileRun, filingConfig, finding, ID_NUMBER, TestClock } from '../../helpers/filing';

const KEYS = { wecomKey: 'wk-123', dingtalkToken: 'dt-456', dingtalkSecret: 'SECabc', feishuHook: 'fh-789', feishuSecret: 'fs-secret' };

describe('robot signatures, exactly as documented', () => {
  it('DingTalk 加签: milliseconds, key = secret, message = ts\\nsecret, URL-encoded', () => {
    expect(dingtalkSign('SEC0123456789abcdef', 1700000000000)).toBe('TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D');
  });
  it('Feishu 签名校验: seconds, key = ts\\nsecret, empty message', () => {
    expect(feishuSign('test-secret', 1700000000)).toBe('mbm4Y4oluIPQ00qlBIhX8vAZ0EKv3nw0LuTb91jPL84=');
  });
  it('never writes a webhook credential into a receipt', () => {
    expect(redactWebhook('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc')).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***');
    expect(redactWebhook('https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1&sign=x')).toBe('https://oapi.dingtalk.com/robot/send?access_token=***&timestamp=***&sign=***');
    expect(redactWebhook('https://open.feishu.cn/open-apis/bot/v2/hook/abc-def')).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/***');
  });
});

describe('chat robot sinks', () => {
  let robots: FakeRobots;
  let store: Store;
  beforeEach(async () => {
    robots = await startFakeRobots(KEYS);
    store = testStore();
  });
  afterEach(async () => {
    store.close();
    await robots.close();
  });

  const config = (o: { wecom?: string; feishuSecret?: string } = {}) =>
    filingConfig({
      sinks: {
        wx: { type: 'wecom', webhook: `${robots.url}/cgi-bin/webhook/send?key=${o.wecom ?? KEYS.wecomKey}`, minIntervalMs: 0, timeoutMs: 1000 },
        dd: { type: 'dingtalk', webhook: `${robots.url}/robot/send?access_token=${KEYS.dingtalkToken}`, secret: KEYS.dingtalkSecret, minIntervalMs: 0, timeoutMs: 1000 },
        fs: { type: 'feishu', webhook: `${robots.url}/open-apis/bot/v2/hook/${KEYS.feishuHook}`, secret: o.feishuSecret ?? KEYS.feishuSecret, minIntervalMs: 0, timeoutMs: 1000 },
      },
      issues: { routing: { privacy: { sinks: ['wx', 'dd', 'fs'] }, content: { sinks: ['dd'] } } },
    });

  it('sends one masked Markdown digest per run to each robot, signed as each platform checks', async () => {
    const clock = new TestClock();
    const r = await fileRun(store, config(), clock, [finding('p1'), finding('w1', { check: 'wording', rule: 'wording.typo', duty: 'content' })]);
    expect(r.errors).toEqual([]);
    expect(robots.messages.map((m) => m.robot).sort()).toEqual(['dingtalk', 'feishu', 'wecom']);
    const dd = robots.messages.find((m) => m.robot === 'dingtalk')!.body as { markdown: { text: string } };
    expect(dd.markdown.text).toContain('新发现');
    expect(dd.markdown.text).toContain('个人信息泄露');
    expect(dd.markdown.text).toContain('严重表述错误');
    expect(JSON.stringify(robots.messages)).not.toContain(ID_NUMBER);
    // Seen again: nothing to say.
    await fileRun(store, config(), clock, [finding('p1'), finding('w1', { check: 'wording', rule: 'wording.typo', duty: 'content' })]);
    expect(robots.messages).toHaveLength(3);
    for (const rc of receipts(store)) expect(rc.url).not.toMatch(/wk-123|dt-456|fh-789|sign=[^*]/);
  });

  it('reads errcode/code on HTTP 200: a wrong key or signature is given up on with the platform\'s reason', async () => {
    const clock = new TestClock();
    await fileRun(store, config({ wecom: 'wrong', feishuSecret: 'wrong' }), clock, [finding('p1')]);
    const dead = outboxEntries(store, ['dead']);
    expect(dead.map((e) => `${e.sink} ${e.lastError}`).sort()).toEqual([
      expect.stringMatching(/^fs .*code 19021 sign match fail/),
      expect.stringMatching(/^wx .*errcode 93000 invalid webhook url/),
    ]);
    expect(dead.map((e) => e.lastError).join(' ')).not.toContain('wrong');
    expect(robots.messages.map((m) => m.robot)).toEqual(['dingtalk']);
  });

  it('backs off when a robot says "too fast" and sends the digest once it may', async () => {
    await robots.close();
    robots = await startFakeRobots({ ...KEYS, perMinute: 1 });
    const clock = new TestClock();
    await fileRun(store, config(), clock, [finding('p1')]);
    await fileRun(store, config(), clock, [finding('p2')]);
    const waiting = outboxEntries(store);
    expect(waiting.map((e) => `${e.sink} ${e.lastError}`).sort()).toEqual([
      expect.stringMatching(/^dd .*130101 send too fast/),
      expect.stringMatching(/^fs .*11232 frequency limited/),
      expect.stringMatching(/^wx .*45009 api freq out of limit/),
    ]);
    robots.now = () => Date.now() + 120_000;
    const c = config();
    await deliverPending({ config: c, store, clock, log: silentLogger, ledger: new LedgerHandle(c) });
    expect(robots.messages).toHaveLength(6);
    expect(outboxEntries(store)).toEqual([]);
  });

  it('fits a long digest into the robot\'s byte limit at a line boundary and says how much was left out', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `- 新发现 1 处: [巡检] 第${i}个站点: 个人信息泄露 privacy (privacy) (待整改 1)`).join('\n');
    const fitted = fitDigest(lines, 4096);
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(4096);
    expect(fitted).toMatch(/…另有 \d+ 项/);
    expect(fitDigest('- short', 4096)).toBe('- short');
  });
});

