/** What the server under test is, and whether a test's `runOnRequirements` let it run there. */
import type { Document, MongoClient } from 'mongodb';

export interface ServerInfo {
  version: string;
  topology: 'single' | 'replicaset' | 'sharded';
}

export async function describeServer(client: MongoClient): Promise<ServerInfo> {
  const admin = client.db('admin');
  const build = await admin.command({ buildInfo: 1 });
  const hello = await admin.command({ hello: 1 });
  const topology = hello.msg === 'isdbgrid' ? 'sharded' : hello.setName ? 'replicaset' : 'single';
  return { version: String(build.version), topology };
}

/** Compares dotted versions numerically ("7.0" < "7.0.1" < "8"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length, 3); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Why one requirement is not met by this server, or null when it is. */
function unmet(req: Document, server: ServerInfo): string | null {
  if (req.minServerVersion && compareVersions(server.version, String(req.minServerVersion)) < 0) {
    return `needs server >= ${req.minServerVersion}`;
  }
  if (req.maxServerVersion && compareVersions(server.version, String(req.maxServerVersion)) > 0) {
    return `needs server <= ${req.maxServerVersion}`;
  }
  if (Array.isArray(req.topologies) && !req.topologies.includes(server.topology)) {
    const wanted = (req.topologies as string[]).filter((t) => t !== 'single');
    return `needs a ${wanted.join(' or ')} topology`;
  }
  if (req.serverless === 'require') return 'needs serverless';
  if (req.auth === true) return 'needs authentication';
  if (req.csfle) return 'needs client-side field level encryption';
  if (req.serverParameters) return 'needs server parameters';
  return null;
}

/** Null when any requirement is met (or there are none), else the reason of the first one. */
export function requirementsUnmet(reqs: Document[] | undefined, server: ServerInfo): string | null {
  if (!reqs || reqs.length === 0) return null;
  const reasons = reqs.map((r) => unmet(r, server));
  return reasons.includes(null) ? null : reasons[0];
}
