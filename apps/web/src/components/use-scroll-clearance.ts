import { RefObject, useEffect } from 'react';

/**
 * Keeps what the browser scrolls to (the focused field, a field named by an error) clear of a box stuck to
 * the bottom of the window, such as the form's budget summary: the page's scroll padding at the bottom
 * follows the box's height while it is shown. Without it, tabbing into the next field on a phone put that
 * field behind the box.
 */
export function useScrollClearance(stuck: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const box = stuck.current;
    if (!box) return;
    const page = document.documentElement;
    const clear = () => {
      page.style.scrollPaddingBottom = `${Math.ceil(box.getBoundingClientRect().height)}px`;
    };
    clear();
    const watch = new ResizeObserver(clear);
    watch.observe(box);
    return () => {
      watch.disconnect();
      page.style.scrollPaddingBottom = '';
    };
  }, [stuck]);
}
