/**
 * DingTalk (钉钉) custom robot: `markdown` messages, 20 a minute per robot (more is throttled for
 * 10 minutes). With 加签 the URL gets `timestamp` (milliseconds) and
 * `sign = urlencode(base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)))`.
 */
import { createHmac } from 'node:crypto';
import type { SinkConfig } from '../config';
import { redactWebhook, robotAnswer, SinkHttp, type ChatSink } from './sink';

const RETRY_LATER = new Set([130101, -1]);

export function dingtalkSign(secret: string, timestampMs: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
  return encodeURIComponent(mac);
}

export class DingtalkSink implements ChatSink {
  readonly kind = 'chat' as const;
  readonly maxBytes = 20_000;
  readonly http: SinkHttp;

  constructor(
    readonly name: string,
    private readonly c: SinkConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.http = new SinkHttp({ timeoutMs: c.timeoutMs, minIntervalMs: c.minIntervalMs ?? 3000, redact: redactWebhook });
  }

  async send(title: string, markdown: string): Promise<void> {
    let url = this.c.webhook!;
    if (this.c.secret) {
      const ts = this.now();
      url += `${url.includes('?') ? '&' : '?'}timestamp=${ts}&sign=${dingtalkSign(this.c.secret, ts)}`;
    }
    // Keyword security needs the keyword in the text; the title alone is not checked.
    const r = await this.http.call('POST', url, {}, { msgtype: 'markdown', markdown: { title, text: `### ${title}\n${markdown}` } });
    robotAnswer(this.name, r, 'errcode', RETRY_LATER);
  }
}
