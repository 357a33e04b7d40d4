/** `xunjian serve`: the pre-publish HTTP API. */
import { startServer } from '../serve';
import { positiveInt } from './options';
import { untilSignal } from './signals';
import { str, type Command } from './command';

export const serve: Command = {
  name: 'serve',
  synopsis: 'serve',
  summary: 'pre-publish HTTP API: POST /v1/check, GET /healthz',
  options: [
    { name: 'port', arg: 'N', help: 'port (default 8080)' },
    { name: 'host', arg: 'ADDR', help: 'address to listen on (default 127.0.0.1)' },
  ],
  async run(e) {
    const port = positiveInt('port', str(e.values, 'port')) ?? 8080;
    const srv = await startServer({ config: e.config, log: e.log, checks: e.checks, failOn: e.failOn, port, host: str(e.values, 'host') ?? '127.0.0.1' });
    process.stderr.write(`xunjian serve: listening on ${srv.url}\n`);
    await untilSignal();
    await srv.close();
    return 0;
  },
};
