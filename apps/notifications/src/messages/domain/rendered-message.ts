/** One message as rendered from its template: the title (the e-mail subject) and the body. */
export interface RenderedMessage {
  title: string;
  body: string;
}
