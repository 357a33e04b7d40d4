/**
 * Feishu (飞书) custom bot: an interactive card with a Markdown element, body at most 20 KB,
 * 5 a second and 100 a minute. With 签名校验 the body gets `timestamp` (seconds) and
 * `sign = base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = ""))` — the opposite
 * arrangement from DingTalk, and in the body rather than the URL.
 */
import { createHmac } from 'node:crypto';
import type { SinkConfig } from '../config';
import { redactWebhook, robotAnswer, SinkHttp, type ChatSink } from './sink';

/** 11232: frequency limited (also at :00 and :30 peaks). */
const RETRY_LATER = new Set([11232]);

export function feishuSign(secret: string, timestampSec: number): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

export class FeishuSink implements ChatSink {
  readonly kind = 'chat' as const;
  /** The whole JSON body may be 20 KB; the card wrapper and escaping take their share. */
  readonly maxBytes = 18_000;
  readonly http: SinkHttp;

  constructor(
    readonly name: string,
    private readonly c: SinkConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.http = new SinkHttp({ timeoutMs: c.timeoutMs, minIntervalMs: c.minIntervalMs ?? 1000, redact: redactWebhook });
  }

  async send(title: string, markdown: string): Promise<void> {
    const ts = Math.floor(this.now() / 1000);
    const body = {
      ...(this.c.secret ? { timestamp: String(ts), sign: feishuSign(this.c.secret, ts) } : {}),
      msg_type: 'interactive',
      card: {
        header: { title: { tag: 'plain_text', content: title } },
        elements: [{ tag: 'markdown', content: markdown }],
      },
    };
    const r = await this.http.call('POST', this.c.webhook!, {}, body);
    robotAnswer(this.name, r, 'code', RETRY_LATER);
  }
}
