// Demo content for the client portal's hub: original text written for this project, a few items of every type,
// public and registered-only, one scheduled and one draft so the editor has something of each state. Dates are
// relative to the seed's "as of" day; one webinar is upcoming, one is past with its recording link.
import { addDays } from '@openpbm/domain';
import type { SqlExecutor } from '../client';
import { at } from './dates';
import type { SeedIds } from './prng';

interface DemoItem {
  slug: string;
  type: 'news' | 'webinar' | 'publication' | 'trend_strategy' | 'marketing_tool';
  title: string;
  summary: string;
  body: string;
  visibility: 'public' | 'registered';
  topics: string[];
  /** Days from "as of" the item went (or goes) live; null: a draft. */
  liveDay: number | null;
  eventDay?: number;
  recordingUrl?: string;
}

export const DEMO_CONTENT: readonly DemoItem[] = [
  {
    slug: 'biosimilar-adalimumab-preferred',
    type: 'news',
    title: 'Adalimumab biosimilars move to the preferred tier',
    summary:
      'From the next plan quarter, two adalimumab biosimilars sit on tier 2 and the reference product moves to tier 3.',
    body: '## What changes\n\nTwo biosimilars of adalimumab become **preferred** on the standard formulary. Members already on the reference product keep their current approval until it renews.\n\n## What members see\n\n- A letter 60 days before the change\n- No new prior authorization for the biosimilar\n- The same specialty pharmacy and nurse support\n\nQuestions go to your account team.',
    visibility: 'public',
    topics: ['specialty', 'generics', 'formulary'],
    liveDay: -3,
  },
  {
    slug: 'quarterly-formulary-update',
    type: 'news',
    title: 'Quarterly formulary update: what moves and why',
    summary:
      'Eleven additions, four tier changes and two exclusions with preferred alternatives, summarized for plan sponsors.',
    body: 'This quarter the pharmacy and therapeutics committee reviewed 38 products.\n\n1. **Additions:** eleven products, mostly new generics.\n2. **Tier changes:** four brands move down a tier after price changes.\n3. **Exclusions:** two products leave the formulary; each has at least two preferred alternatives.\n\nThe member letter template is in the marketing tools section.',
    visibility: 'public',
    topics: ['formulary'],
    liveDay: -12,
  },
  {
    slug: 'home-delivery-shipping-times',
    type: 'news',
    title: 'Home delivery now ships most orders in two days',
    summary: 'A second fulfilment line cut the median time from order to doorstep to two business days.',
    body: 'Our home-delivery pharmacy added a second fulfilment line this month. The median order now reaches members in **two business days**, and cold-chain orders ship overnight at no extra cost.',
    visibility: 'public',
    topics: ['home-delivery', 'member-engagement'],
    liveDay: -20,
  },
  {
    slug: 'specialty-pipeline-briefing',
    type: 'news',
    title: 'Specialty pipeline briefing for plan sponsors',
    summary:
      'Which specialty approvals expected in the next twelve months could move your cost trend, and by how much.',
    body: '## The short list\n\nGene therapies, new obesity treatments and oncology combinations lead the list. For a 10,000-member employer, we estimate the pipeline adds **1.5 to 3 percent** to specialty trend.\n\n## What you can do now\n\n- Review stop-loss terms for gene therapies\n- Decide on coverage criteria for weight-management drugs before launch',
    visibility: 'registered',
    topics: ['specialty', 'cost-trend'],
    liveDay: -6,
  },
  {
    slug: 'webinar-managing-glp1-spend',
    type: 'webinar',
    title: 'Webinar: managing GLP-1 spend without cutting access',
    summary:
      'A one-hour session on coverage criteria, lifestyle programs and what peer employers decided this year.',
    body: 'Join our clinical and actuarial leads for a practical hour on GLP-1 coverage.\n\n- Coverage criteria that hold up\n- Pairing coverage with lifestyle programs\n- What peer employers decided, in numbers\n\nRegister from the portal, then add the session to your calendar with its .ics file.',
    visibility: 'public',
    topics: ['cost-trend', 'formulary'],
    liveDay: -10,
    eventDay: 14,
  },
  {
    slug: 'webinar-specialty-site-of-care',
    type: 'webinar',
    title: 'Webinar: specialty site-of-care strategies',
    summary:
      'Recorded session: moving infusions from hospital outpatient settings to home and clinic, with results.',
    body: 'Our specialty team walked through three site-of-care programs and their first-year results. The recording and slides are available to registered users.',
    visibility: 'registered',
    topics: ['specialty', 'cost-trend'],
    liveDay: -60,
    eventDay: -30,
    recordingUrl: 'https://media.openpbm.example/webinars/site-of-care',
  },
  {
    slug: 'webinar-compliance-calendar',
    type: 'webinar',
    title: 'Webinar: the plan sponsor compliance calendar',
    summary:
      'Creditable coverage notices, transparency files and the dates that matter for the coming plan year.',
    body: 'A walkthrough of the notices and filings a plan sponsor owes each year, in calendar order, with templates.',
    visibility: 'registered',
    topics: ['compliance'],
    liveDay: -2,
    eventDay: 35,
  },
  {
    slug: 'drug-trend-report',
    type: 'publication',
    title: 'Annual drug trend report',
    summary:
      'Our yearly look at prescription cost trend across the book of business: what rose, what fell, and why.',
    body: '## Headlines\n\n- Total trend: **6.1 percent**, of which specialty contributed two thirds\n- Generic dispensing rate: **89 percent**\n- Home-delivery share of 90-day supplies rose four points\n\nThe full report is available as a PDF download to registered users.',
    visibility: 'registered',
    topics: ['cost-trend', 'generics'],
    liveDay: -40,
  },
  {
    slug: 'guide-to-plan-reports',
    type: 'publication',
    title: 'A plan sponsor’s guide to reading plan reports',
    summary: 'What each figure in the de-identified plan report means, and why small cells are suppressed.',
    body: 'Plan reports count members, claims and cost **without identifying anyone**. Any figure resting on fewer than 11 members is suppressed, and a second figure is suppressed with it when the first could be worked out from the totals.',
    visibility: 'public',
    topics: ['compliance'],
    liveDay: -90,
  },
  {
    slug: 'generics-first-strategy',
    type: 'trend_strategy',
    title: 'Generics first: a step-therapy strategy that members accept',
    summary:
      'How clear letters and a 30-day grace fill keep step therapy effective without surprising members.',
    body: 'Step therapy saves money only if members understand it. Three practices make the difference:\n\n1. A letter before the first rejection, not after\n2. A 30-day grace fill for members already stable on a brand\n3. Prescriber outreach the same day a claim rejects',
    visibility: 'registered',
    topics: ['generics', 'member-engagement'],
    liveDay: -25,
  },
  {
    slug: 'specialty-carve-in-or-out',
    type: 'trend_strategy',
    title: 'Carve specialty in or out? A decision framework',
    summary: 'The questions to ask before moving specialty drugs between the medical and pharmacy benefit.',
    body: 'Compare unit cost, rebate pass-through, site of care and data integration. Most employers under 5,000 lives do better with specialty carved **in**.',
    visibility: 'public',
    topics: ['specialty', 'cost-trend'],
    liveDay: -50,
  },
  {
    slug: 'flyer-home-delivery',
    type: 'marketing_tool',
    title: 'Member flyer: save time with home delivery',
    summary:
      'A one-page flyer for your members explaining 90-day home delivery, with your organization’s name on it.',
    body: 'Hand this flyer to members at open enrolment. It explains how to move a maintenance prescription to home delivery in three steps.',
    visibility: 'registered',
    topics: ['home-delivery', 'member-engagement'],
    liveDay: -15,
  },
  {
    slug: 'flyer-generics',
    type: 'marketing_tool',
    title: 'Member flyer: the same medicine for less',
    summary: 'A plain-language flyer about generics and biosimilars for your members.',
    body: 'Explains in plain words that a generic has the same active ingredient, strength and effect as the brand.',
    visibility: 'registered',
    topics: ['generics', 'member-engagement'],
    liveDay: 5,
  },
  {
    slug: 'draft-open-enrolment-checklist',
    type: 'publication',
    title: 'Open enrolment checklist (draft)',
    summary: 'A checklist of pharmacy benefit decisions to settle before open enrolment.',
    body: 'Work in progress.',
    visibility: 'public',
    topics: ['compliance'],
    liveDay: null,
  },
];

export async function insertDemoContent(conn: SqlExecutor, ids: SeedIds, asOf: string): Promise<number> {
  for (const c of DEMO_CONTENT) {
    const live = c.liveDay === null ? null : at(addDays(asOf, c.liveDay), '14:00');
    const starts = c.eventDay === undefined ? null : at(addDays(asOf, c.eventDay), '17:00');
    const written = at(addDays(asOf, Math.min(c.liveDay ?? -1, -1) - 1), '12:00');
    await conn.query(
      `insert into content_items (id, slug, type, title, summary, body, visibility, topics, status, publish_at,
         event_starts_at, recording_url, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9, $10, $11, $12, $13, $13) on conflict (slug) do nothing`,
      [
        ids.next(),
        c.slug,
        c.type,
        c.title,
        c.summary,
        c.body,
        c.visibility,
        c.topics,
        live ? 'published' : 'draft',
        live?.toISOString() ?? null,
        starts?.toISOString() ?? null,
        c.recordingUrl ?? null,
        written.toISOString(),
      ],
    );
  }
  return DEMO_CONTENT.length;
}
