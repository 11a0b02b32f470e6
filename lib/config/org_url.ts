/**
 * What can be wrong with an org URL, following the rules users know from Okta's SDKs, each with the URL
 * to use instead. Credentials in the URL are never repeated.
 *
 * @module
 */
import { show } from "./places.ts";

const EXAMPLE = "https://dev-123456.okta.com";
const PLACEHOLDER = /[{}<>]|\$\{|your[-_]?okta[-_]?(domain|org)|\byour[-_]?org\b/i;

/** Every problem with `url` (already trimmed), each naming the value and what to use instead. */
export function orgUrlProblems(url: string, allowHttp: boolean): string[] {
  const got = `(got ${show(url)})`;
  if (/^["'`]|["'`]$/.test(url)) return [`is wrapped in quotes ${got}: remove the quotes.`];
  if (PLACEHOLDER.test(url)) {
    return [`still has a placeholder ${got}: use your org's URL, such as ${EXAMPLE}.`];
  }
  const schemes = url.match(/:\/\//g)?.length ?? 0;
  if (schemes !== 1) {
    const fixed = originOf(schemes === 0 ? `https://${url}` : url.replace(/^([a-z]+:\/\/)+/i, "https://"));
    const what = schemes === 0 ? 'has no "https://"' : 'has "://" more than once';
    return [`${what} ${got}: use ${fixed ?? `your org's URL, such as ${EXAMPLE}`}.`];
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [`is not a valid URL ${got}: use your org's URL, such as ${EXAMPLE}.`];
  }
  const use = originOf(url, allowHttp)!;
  const problems: string[] = [];
  if (parsed.username || parsed.password) {
    problems.push(`contains credentials ${got}: use ${use}, and give the API token as okta.client.token.`);
  }
  if (/-admin\./i.test(parsed.hostname)) {
    problems.push(`is the Admin Console's address ${got}: use ${use}, without "-admin".`);
  }
  if (/\.com\.com$/i.test(parsed.hostname)) problems.push(`ends in ".com.com" ${got}: use ${use}.`);
  if (parsed.protocol !== "https:" && !allowHttp) {
    problems.push(
      `must use https:// ${got}: use ${use} (testing.disableHttpsCheck allows http:// for a local test server).`,
    );
  }
  if (/^\/oauth2(\/|$)/.test(parsed.pathname)) {
    problems.push(`is an authorization server's issuer URL ${got}: use the org URL ${use}.`);
  } else if (!/^\/*$/.test(parsed.pathname)) {
    problems.push(`has a path ${got}: use the org URL alone, ${use}.`);
  }
  if (url.includes("?") || url.includes("#")) {
    problems.push(`has a query or fragment ${got}: use the org URL alone, ${use}.`);
  }
  return problems;
}

/** The org URL that `url` most likely means: its origin, https, without `-admin` or a doubled `.com`. */
function originOf(url: string, allowHttp = false): string | undefined {
  try {
    const parsed = new URL(url);
    const host = parsed.host.replace(/-admin\./i, ".").replace(/\.com\.com(:|$)/i, ".com$1");
    const protocol = allowHttp && parsed.protocol === "http:" ? "http:" : "https:";
    return `${protocol}//${host}`;
  } catch {
    return undefined;
  }
}
