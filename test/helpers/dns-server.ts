/**
 * A DNS server on loopback for tests (UDP, dns-packet): A records from a table, a wildcard
 * suffix, SERVFAIL and silence on request, NXDOMAIN for the rest.
 */
import { createSocket, type Socket } from 'node:dgram';
import * as packet from 'dns-packet';

export type Answer = string | 'SERVFAIL' | 'SILENT';

export interface DnsServer {
  port: number;
  queries: string[];
  close(): Promise<void>;
}

export async function startDns(table: Record<string, Answer>, wildcard: Record<string, string> = {}): Promise<DnsServer> {
  const socket: Socket = createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (msg, rinfo) => {
    let q: packet.Packet;
    try {
      q = packet.decode(msg);
    } catch {
      return;
    }
    const question = q.questions?.[0];
    if (!question) return;
    const name = question.name.toLowerCase();
    queries.push(name);
    const suffix = Object.keys(wildcard).find((s) => name.endsWith(`.${s}`));
    const answer: Answer | undefined = table[name] ?? (suffix ? wildcard[suffix] : undefined);
    if (answer === 'SILENT') return;
    const rcode = answer === undefined ? 'NXDOMAIN' : answer === 'SERVFAIL' ? 'SERVFAIL' : 'NOERROR';
    const answers: packet.Answer[] = rcode === 'NOERROR' && question.type === 'A' ? [{ type: 'A', name: question.name, ttl: 60, data: answer! }] : [];
    const flags = (rcode === 'NXDOMAIN' ? 3 : rcode === 'SERVFAIL' ? 2 : 0) | packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE;
    socket.send(packet.encode({ type: 'response', id: q.id, flags, questions: q.questions, answers }), rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  return { port: socket.address().port, queries, close: () => new Promise((r) => socket.close(() => r())) };
}
