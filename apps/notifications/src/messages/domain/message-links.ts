/** A page of the web console, e.g. `/kotak-masuk`. */
export function consoleLink(webConsoleUrl: string, path: string): string {
  return `${webConsoleUrl.replace(/\/+$/, '')}${path}`;
}

/** The web console's page of a proposal, where every message about it points. */
export function proposalLink(webConsoleUrl: string, proposalId: string): string {
  return consoleLink(webConsoleUrl, `/proposals/${proposalId}`);
}

/** SMS/WhatsApp carry the title and the link only; a no-break space would force the costlier UCS-2 SMS encoding. */
export function shortText(title: string, link: string): string {
  return `${title} ${link}`.replace(/\u00a0/g, ' ');
}
