export interface MenuLink {
  key: string;
  href: string;
  text: string;
  /** The page shown is this entry (or lies under it): marked for assistive technology and the eye. */
  current: boolean;
}

interface MenuProps {
  /** The navigation landmark's name ("Hauptnavigation"). */
  label: string;
  /** The button that opens the menu on a phone ("Menü"). */
  toggle: string;
  /** The menu's own class, for its colours (main-nav, portal-menu). */
  class: string;
  links: readonly MenuLink[];
}

/**
 * A navigation menu that on a phone collapses behind a button and works without JavaScript: a
 * native <details>, so the keyboard (Tab, Enter) and screen readers ("collapsed"/"expanded")
 * know it without ARIA of our own. On a wide screen the stylesheet hides the button and shows
 * the list whether the <details> is open or not (site.css, "Menus"), so it is the plain row of
 * links it always was.
 */
export function Menu({ label, toggle, class: className, links }: MenuProps) {
  return (
    <nav aria-label={label} class={`menu ${className}`}>
      <details class="menu__disclosure">
        <summary class="menu__toggle">{toggle}</summary>
        <ul>
          {links.map((link) => (
            <li key={link.key}>
              <a href={link.href} aria-current={link.current ? 'page' : undefined}>
                {link.text}
              </a>
            </li>
          ))}
        </ul>
      </details>
    </nav>
  );
}
