/**
 * WeCom (企业微信) group robot: `markdown` messages of at most 4,096 bytes, 20 a minute per robot.
 * The key in the URL is the credential, so receipts and errors never show it. HTTP 200 can still
 * carry an error, so `errcode` is always read.
 */
import type { SinkConfig } from '../config';
import { redactWebhook, robotAnswer, SinkHttp, type ChatSink } from './sink';

/** errcodes that mean "later", not "never". */
const RETRY_LATER = new Set([45009, -1]);

export class WecomSink implements ChatSink {
  readonly kind = 'chat' as const;
  readonly maxBytes = 4096;
  readonly http: SinkHttp;

  constructor(
    readonly name: string,
    private readonly c: SinkConfig,
  ) {
    this.http = new SinkHttp({ timeoutMs: c.timeoutMs, minIntervalMs: c.minIntervalMs ?? 3000, redact: redactWebhook });
  }

  async send(title: string, markdown: string): Promise<void> {
    const r = await this.http.call('POST', this.c.webhook!, {}, { msgtype: 'markdown', markdown: { content: `**${title}**\n${markdown}` } });
    robotAnswer(this.name, r, 'errcode', RETRY_LATER);
  }
}
