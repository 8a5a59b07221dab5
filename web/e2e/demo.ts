// Ids of things in the demo trust (`assure seed --demo`), looked up through
// the API by what a person would call them, so tests can open their pages.
import { apiAs, expect, getJSON, type Role } from './fixtures';

/** DemoIds names one of each kind of thing a page shows. */
export interface DemoIds {
  supplier: string;
  owner: string;
  standard: string;
  myReport: string;
  problem: string;
  cycle: string;
  action: string;
  openReview: string;
  closedReview: string;
  user: string;
  system: string;
  site: string;
}

interface Named {
  id: string;
  name?: string;
  title?: string;
  code?: string;
  email?: string;
  status?: string;
  overdue?: boolean;
}

interface List {
  items: Named[];
}

function find(list: List, what: string, match: (x: Named) => boolean): string {
  const found = list.items.find(match);
  expect(found, `the demo trust has ${what}`).toBeDefined();
  return found?.id ?? '';
}

async function lists(role: Role, paths: string[]): Promise<List[]> {
  const api = await apiAs(role);
  try {
    return await Promise.all(paths.map((p) => getJSON<List>(api, p)));
  } finally {
    await api.dispose();
  }
}

function demoMeeting(r: Named): boolean {
  return r.title?.startsWith('IT governance board — ') ?? false;
}

/** demoIds looks the demo trust's things up, each as someone allowed to see it. */
export async function demoIds(): Promise<DemoIds> {
  const [owners, standards, problems, cycles, actions, reviews, systems, sites] = await lists('executive', [
    '/api/v1/owners?limit=500',
    '/api/v1/standards?limit=500',
    '/api/v1/problems?limit=500',
    '/api/v1/cycles?limit=500',
    '/api/v1/actions?limit=500',
    '/api/v1/reviews?limit=500',
    '/api/v1/systems?limit=500',
    '/api/v1/sites?limit=500',
  ]);
  const [mine] = await lists('clinician', ['/api/v1/issues?mine=true&sort=recent&limit=50']);
  const [users] = await lists('admin', ['/api/v1/users?limit=500']);
  if (!owners || !standards || !problems || !cycles || !actions || !reviews || !systems || !sites || !mine || !users) {
    throw new Error('a demo lookup answered nothing');
  }
  return {
    supplier: 'Meridian Health Systems',
    owner: find(owners, 'Ruth Adeyemi as an owner', (o) => o.name?.startsWith('Ruth Adeyemi') ?? false),
    standard: find(standards, 'PF-01', (s) => s.code === 'PF-01'),
    myReport: find(mine, 'a report by the demo clinician', (i) => i.status !== undefined),
    problem: find(problems, 'the ward 7 Wi-Fi problem', (p) => p.title === 'Ward 7 Wi-Fi drop-outs (Eastfield)'),
    cycle: find(cycles, 'the access points cycle', (c) => c.title === 'Extra access points on Eastfield wards'),
    action: find(actions, 'an overdue action', (a) => a.overdue === true),
    // The demo's two meetings are named by month: "IT governance board — May 2026".
    openReview: find(reviews, 'an open board review', (r) => r.status === 'open' && demoMeeting(r)),
    closedReview: find(reviews, 'a closed board review', (r) => r.status === 'closed' && demoMeeting(r)),
    user: find(users, 'the demo clinician', (u) => u.email === 'clinician@demo.assure.test'),
    system: find(systems, 'the EPR', (s) => s.name === 'EPR'),
    site: find(sites, 'Northshire Royal Infirmary', (s) => s.name === 'Northshire Royal Infirmary'),
  };
}
