/**
 * `rasd explain FILE [--id ID]`: how Rasd read an article, from the real pipeline —
 * the sentences with mentions, each mention's local slots, the links the discourse stage
 * made (and by which rule), the slots it filled, every dropped candidate with its reason,
 * and the records that came out.
 */
import type { ArticleEvent } from '../events/discourse.js';
import { type Explanation, explainArticle } from '../events/extract.js';
import type { Mention } from '../events/mentions.js';
import { readInputs } from '../io/read.js';
import { formatProblem } from '../io/records.js';

export interface ExplainOptions {
  id?: string;
  published?: string;
  json?: boolean;
}

const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function slots(m: Pick<Mention, 'date' | 'actor' | 'weapon' | 'munitions' | 'casualties' | 'intercepted'>) {
  const parts: string[] = [];
  if (m.date) parts.push(`date=${m.date}`);
  if (m.actor) parts.push(`actor=${m.actor.actor.name}(${m.actor.role})`);
  if (m.weapon) parts.push(`weapon=${m.weapon}`);
  if (m.munitions !== null) parts.push(`munitions=${m.munitions}`);
  if (m.casualties.killed?.value != null) parts.push(`killed=${m.casualties.killed.value}`);
  if (m.casualties.injured?.value != null) parts.push(`injured=${m.casualties.injured.value}`);
  if (m.intercepted !== null) parts.push(`intercepted=${m.intercepted}`);
  return parts.join(' ');
}

function flags(m: Mention) {
  const f = [
    m.definite && 'definite',
    m.embedded && 'embedded',
    m.background && 'background',
    m.fronted && 'fronted',
    m.disputed && 'disputed',
    m.reportDated && 'report-date',
    m.intercepted !== null && `interception:${m.interceptionRule}`,
  ]
    .filter(Boolean)
    .join(',');
  return f ? ` [${f}]` : '';
}

function eventLine(e: ArticleEvent) {
  const filled = Object.entries(e.filled)
    .map(([k, v]) => `${k}←${v}`)
    .join(' ');
  return `  event of m${e.members.map((m) => m.id).join('+m')}: ${e.place.place.name} ${slots(e)}${filled ? `  (filled: ${filled})` : ''}`;
}

/** The explanation as text, one block per stage. */
export function formatExplanation(x: Explanation): string {
  const out: string[] = [
    `article ${x.id}  published ${x.published ?? '-'}${x.rewrapped ? '  (line wraps rejoined)' : ''}`,
  ];
  const bySentence = new Map<number, Mention[]>();
  for (const m of x.mentions) bySentence.set(m.sentence, [...(bySentence.get(m.sentence) ?? []), m]);
  const droppedBy = new Map<number, string[]>();
  for (const d of x.dropped)
    droppedBy.set(d.sentence, [...(droppedBy.get(d.sentence) ?? []), `${d.trigger}: ${d.reason}`]);
  out.push('', 'mentions');
  for (const s of x.sentences) {
    const ms = bySentence.get(s.index);
    const ds = droppedBy.get(s.index);
    if (!ms && !ds) continue;
    out.push(`[${s.index}] ${clip(s.text)}`);
    for (const m of ms ?? [])
      out.push(
        `  m${m.id} ${m.trigger.phrase} (${m.kind}) @ ${m.place ? m.place.place.name : '(no place)'} date:${m.dateSource} ${slots(m)}${flags(m)}`,
      );
    for (const d of ds ?? []) out.push(`  dropped ${d}`);
  }
  out.push('', 'links');
  for (const l of x.links) out.push(`  m${l.from} → m${l.to}  ${l.fold ? 'fold' : 'inherit'}  ${l.rule}`);
  out.push('', 'events');
  for (const e of x.events) out.push(eventLine(e));
  out.push('', 'records');
  for (const r of x.records) {
    const by = r.implied?.target;
    const target = `${r.target ?? '-'}${by ? ` (implied: ${by.rule} ${by.place_id})` : ''}`;
    out.push(
      `  ${r.date ?? '-'}  ${r.type}  ${r.place} (${r.geo_precision})  actor=${r.actor ?? '-'} target=${target} weapon=${r.weapon ?? '-'} n=${r.munitions ?? '-'} k/i=${r.killed ?? '?'}/${r.injured ?? '?'} intercepted=${r.intercepted ?? '-'}`,
    );
  }
  return `${out.join('\n')}\n`;
}

export async function runExplain(paths: string[], opts: ExplainOptions): Promise<number> {
  const { articles, problems } = await readInputs(paths, { published: opts.published ?? null });
  for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
  const chosen = opts.id ? articles.filter((a) => a.id === opts.id) : articles;
  if (chosen.length === 0) {
    process.stderr.write(
      opts.id
        ? `rasd explain: no article with id ${JSON.stringify(opts.id)}\n`
        : 'rasd explain: no article\n',
    );
    return 1;
  }
  for (const a of chosen) {
    const x = explainArticle(a);
    process.stdout.write(opts.json ? `${JSON.stringify(x)}\n` : `${formatExplanation(x)}\n`);
  }
  return 0;
}
