/** Child process for the exactly-once test: `node -r ts-register.js file-sites-worker.ts STORE URL SITES PER_SITE`. */
import { Store } from '../../pipelines/store/store';
import { fileSites, loadConfig } from './filing-load';

async function main(): Promise<void> {
  const [storePath, url, sites, perSite] = process.argv.slice(2);
  const store = Store.open(storePath!);
  await fileSites(store, loadConfig(url!, Number(sites)), Number(sites), Number(perSite));
  store.close();
  process.stdout.write('done\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 1;
});
