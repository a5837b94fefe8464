/** Where Bull Board is served, for administrators only. */
export const QUEUE_BOARD_PATH = '/api/v1/admin/queues';
/** The HttpOnly cookie that lets a browser (which cannot add a bearer header to page loads) open the board. */
export const QUEUE_BOARD_COOKIE = 'alur_queue_board';

/** The board's token: the bearer header (API clients) or the board cookie (browsers). */
export function queueBoardToken(headers: Record<string, string | string[] | undefined>): string | undefined {
  const authorization = headers.authorization;
  const bearer = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
  if (bearer) return bearer;
  const cookie = typeof headers.cookie === 'string' ? headers.cookie : '';
  for (const part of cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === QUEUE_BOARD_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** The parts of Express's request and response the board's door uses (the project has no @types/express). */
export interface BoardRequest {
  headers: Record<string, string | string[] | undefined>;
  secure: boolean;
}
export interface BoardResponse {
  status(code: number): BoardResponse;
  json(body: unknown): void;
  cookie(
    name: string,
    value: string,
    options: { httpOnly: boolean; sameSite: 'strict'; secure: boolean; path: string; maxAge: number },
  ): void;
}
