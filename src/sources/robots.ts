/**
 * robots.txt (RFC 9309): the group for our product token ("rasd") or else "*", Allow/Disallow
 * rules with `*` and `$`, the longest matching rule wins (Allow on a tie), and Crawl-delay
 * (not in the RFC, but widely used: honoured up to a cap).
 */

export interface RobotsRules {
  rules: { allow: boolean; pattern: string; re: RegExp }[];
  /** seconds, when the group states one */
  crawlDelay: number | null;
  /** robots.txt could not be read (5xx, network): nothing on the origin is fetched for a while */
  unavailable?: string;
}

export const ALLOW_ALL: RobotsRules = { rules: [], crawlDelay: null };
export const DISALLOW_ALL: RobotsRules = {
  rules: [{ allow: false, pattern: '/', re: /^\// }],
  crawlDelay: null,
};

function patternRe(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

/** Percent-encoding normalized the same way on both sides (robots paths are often written decoded). */
function canonicalPath(p: string): string {
  try {
    return encodeURI(decodeURI(p));
  } catch {
    return p;
  }
}

/** Parses robots.txt for the given product token (lower case, e.g. 'rasd'). */
export function parseRobots(text: string, agent: string): RobotsRules {
  interface Group {
    agents: string[];
    lines: { key: string; value: string }[];
  }
  const groups: Group[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase();
    const value = m[2].trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], lines: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (current && (key === 'allow' || key === 'disallow' || key === 'crawl-delay')) {
      current.lines.push({ key, value });
    }
  }
  const mine = groups.filter((g) => g.agents.some((a) => a !== '*' && agent.includes(a)));
  const chosen = mine.length ? mine : groups.filter((g) => g.agents.includes('*'));
  const out: RobotsRules = { rules: [], crawlDelay: null };
  for (const g of chosen) {
    for (const { key, value } of g.lines) {
      if (key === 'crawl-delay') {
        const n = Number(value);
        if (Number.isFinite(n) && n >= 0) out.crawlDelay = Math.max(out.crawlDelay ?? 0, n);
        continue;
      }
      if (!value) continue; // "Disallow:" with nothing allows everything
      const pattern = canonicalPath(value);
      out.rules.push({ allow: key === 'allow', pattern, re: patternRe(pattern) });
    }
  }
  return out;
}

/** May this path (with its query) be fetched? */
export function robotsAllows(rules: RobotsRules, pathAndQuery: string): boolean {
  if (pathAndQuery === '/robots.txt') return true;
  const path = canonicalPath(pathAndQuery);
  let best: { allow: boolean; len: number } | null = null;
  for (const r of rules.rules) {
    if (!r.re.test(path)) continue;
    const len = r.pattern.length;
    if (!best || len > best.len || (len === best.len && r.allow)) best = { allow: r.allow, len };
  }
  return best ? best.allow : true;
}
