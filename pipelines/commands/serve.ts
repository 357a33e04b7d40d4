/** `xunjian serve`: the pre-publish HTTP API; SIGHUP re-reads the config's tokens and verdict rules. */
import { loadConfig } from '../config';
import { listenPort } from './options';
import { untilSignal } from './signals';
import { str, type Command } from './command';

export const serve: Command = {
  name: 'serve',
  synopsis: 'serve',
  summary: 'pre-publish HTTP API: POST /v1/check (verdict publish|review|block), GET /healthz, GET /metrics;\nbearer tokens from serve.tokens, required beyond loopback; SIGHUP reloads them',
  options: [
    { name: 'port', arg: 'N', help: 'port (default 8080; 0: any free one)' },
    { name: 'host', arg: 'ADDR', help: 'address to listen on (default 127.0.0.1; another needs serve.tokens)' },
  ],
  async run(e) {
    const port = listenPort(str(e.values, 'port'), 8080);
    const { startServer } = await import('../serve/server');
    const srv = await startServer({ config: e.config, log: e.log, checks: e.checks, failOn: e.failOn, port, host: str(e.values, 'host') ?? '127.0.0.1' });
    const reload = (): void => {
      try {
        srv.reload(loadConfig(e.config.file.startsWith('(') ? undefined : e.config.file));
      } catch (err) {
        // A broken edit keeps the tokens in force: the service stays up and says why.
        e.log.error({ err: (err as Error).message }, 'serve: config not reloaded; the previous tokens stay in force');
      }
    };
    process.on('SIGHUP', reload);
    process.stderr.write(`xunjian serve: listening on ${srv.url}\n`);
    try {
      await untilSignal();
    } finally {
      process.off('SIGHUP', reload);
      await srv.close();
    }
    return 0;
  },
};
