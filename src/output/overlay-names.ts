/** File names of overlay images, apart from the drawing code so that batch runs can check them without loading a canvas. */
export function overlayFileName(page: number): string {
  return `page-${String(page).padStart(3, '0')}.png`;
}
