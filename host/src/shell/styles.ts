import { css } from 'lit';

/** The frame: header across the top, menu on the left, content, footer; one column on narrow screens. */
export const shellStyles = css`
  :host {
    display: block;
    min-height: 100vh;
  }
  .frame {
    display: grid;
    grid-template-columns: 15rem minmax(0, 1fr);
    grid-template-rows: auto 1fr auto;
    grid-template-areas: 'header header' 'nav main' 'footer footer';
    min-height: 100vh;
  }
  .frame.signed-out {
    grid-template-columns: minmax(0, 1fr);
    grid-template-areas: 'header' 'main' 'footer';
  }
  .skip {
    position: absolute;
    left: 0.75rem;
    top: -4rem;
    z-index: 10;
    font: inherit;
    font-weight: 700;
    padding: 0.6rem 1rem;
    border: 0;
    border-radius: var(--sb-radius);
    background: var(--sb-color-surface);
    color: var(--sb-color-primary);
    cursor: pointer;
  }
  .skip:focus {
    top: 0.75rem;
    box-shadow: var(--sb-shadow-raised);
  }
  header {
    grid-area: header;
    display: flex;
    align-items: center;
    gap: 1rem;
    padding: 0.75rem 1.5rem;
    background: var(--sb-color-header-bg);
    color: var(--sb-color-on-header);
    border-bottom: 3px solid var(--sb-color-accent);
  }
  header :focus-visible {
    outline-color: var(--sb-color-on-header);
  }
  .brand {
    display: flex;
    align-items: center;
    gap: 1rem;
    color: inherit;
    text-decoration: none;
    min-width: 0;
  }
  .brand img {
    height: 2.25rem;
    width: auto;
    display: block;
  }
  .product {
    font-family: var(--sb-font-family-heading);
    font-size: 1.05rem;
    font-weight: 600;
    padding-left: 1rem;
    border-left: 1px solid currentColor;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  /* Name over account, the Sign out button beside them: the header keeps the logo's height when signed in. */
  .user {
    margin: 0 0 0 auto;
    display: grid;
    justify-content: end;
    align-items: center;
    column-gap: 1rem;
    text-align: end;
    font-size: 0.9rem;
    line-height: 1.3;
  }
  .user .tenant {
    grid-column: 1;
    grid-row: 2;
    opacity: 0.8;
    font-size: 0.8rem;
  }
  .user a.sign-in,
  .user .sign-out {
    color: inherit;
    font: inherit;
    font-weight: 600;
  }
  .user .sign-out {
    grid-column: 2;
    grid-row: 1 / span 2;
    padding: 0.3rem 0.75rem;
    background: transparent;
    border: 1px solid currentColor;
    border-radius: var(--sb-radius, 6px);
    cursor: pointer;
  }
  .notice a.button {
    display: inline-block;
    padding: 0.6rem 1.25rem;
    border-radius: var(--sb-radius, 6px);
    background: var(--sb-color-primary, #0b5cad);
    color: var(--sb-color-on-primary, #fff);
    font-weight: 600;
    text-decoration: none;
  }
  .notice a.button:hover {
    background: var(--sb-color-primary-hover, #084a8c);
  }
  /* The notification button sits before the user's name; its list drops down over the page. */
  .notifications {
    position: relative;
    margin-left: auto;
  }
  .notifications ~ .user {
    margin-left: 0;
  }
  .bell {
    font: inherit;
    font-weight: 600;
    color: inherit;
    background: transparent;
    border: 1px solid currentColor;
    border-radius: var(--sb-radius);
    padding: 0.4rem 0.75rem;
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
  }
  .bell .badge {
    min-width: 1.5rem;
    padding: 0.05rem 0.4rem;
    border-radius: 999px;
    background: var(--sb-color-accent);
    color: var(--sb-color-header-bg);
    font-size: 0.8rem;
    font-weight: 700;
    text-align: center;
  }
  .notification-list {
    position: absolute;
    right: 0;
    top: calc(100% + 0.5rem);
    z-index: 20;
    width: min(24rem, calc(100vw - 2rem));
    max-height: 70vh;
    overflow: auto;
    background: var(--sb-color-surface);
    color: var(--sb-color-text);
    border: 1px solid var(--sb-color-border);
    border-radius: var(--sb-radius-large);
    box-shadow: var(--sb-shadow-raised);
  }
  .notification-list ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .notification-list li + li {
    border-top: 1px solid var(--sb-color-border);
  }
  .notification-list a,
  .notification-list li > div {
    display: grid;
    gap: 0.15rem;
    padding: 0.75rem 1rem;
    color: inherit;
    text-decoration: none;
    font-size: 0.9rem;
    line-height: 1.35;
  }
  .notification-list a:hover {
    background: var(--sb-color-surface-alt);
  }
  .notification-list li.unread {
    box-shadow: inset 4px 0 0 var(--sb-color-primary);
    background: var(--sb-color-info-bg);
  }
  .notification-list .new {
    color: var(--sb-color-primary);
    font-size: 0.75rem;
    font-weight: 700;
    text-transform: uppercase;
  }
  .notification-list .detail,
  .notification-list time {
    color: var(--sb-color-text-muted);
  }
  .notification-list time {
    font-size: 0.8rem;
  }
  .notification-list .none {
    margin: 0;
    padding: 1rem;
    color: var(--sb-color-text-muted);
  }
  .notification-list :focus-visible {
    outline-color: var(--sb-color-focus);
  }
  .menu-toggle {
    display: none;
    font: inherit;
    font-weight: 600;
    color: inherit;
    background: transparent;
    border: 1px solid currentColor;
    border-radius: var(--sb-radius);
    padding: 0.4rem 0.75rem;
    cursor: pointer;
  }
  nav {
    grid-area: nav;
    background: var(--sb-color-nav-bg, var(--sb-color-surface));
    border-right: 1px solid var(--sb-color-border);
    padding: 1rem 0.75rem;
  }
  nav ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  nav a {
    display: block;
    padding: 0.6rem 0.85rem;
    border-radius: var(--sb-radius);
    color: var(--sb-color-text);
    text-decoration: none;
    font-weight: 500;
  }
  nav a:hover {
    background: var(--sb-color-surface-alt);
  }
  nav a[aria-current='page'] {
    background: var(--sb-color-nav-active, var(--sb-color-surface-alt));
    color: var(--sb-color-primary);
    font-weight: 700;
    box-shadow: inset 4px 0 0 var(--sb-color-primary);
  }
  main {
    grid-area: main;
    padding: 1.75rem 2rem 3rem;
    min-width: 0;
  }
  h1 {
    font-family: var(--sb-font-family-heading);
    font-size: 1.75rem;
    line-height: 1.2;
    margin: 0 0 1.25rem;
    color: var(--sb-color-text);
  }
  /* The heading takes focus only so screen readers start there; it is not a control, so no ring. */
  h1:focus,
  h1:focus-visible {
    outline: none;
  }
  .lead {
    font-size: 1.1rem;
    color: var(--sb-color-text-muted);
    margin: -0.5rem 0 1.5rem;
    max-width: 40rem;
    line-height: 1.5;
  }
  .tiles {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: 1rem;
  }
  .tiles a {
    display: block;
    height: 100%;
    padding: 1.25rem;
    background: var(--sb-color-surface);
    border: 1px solid var(--sb-color-border);
    border-top: 4px solid var(--sb-color-primary);
    border-radius: var(--sb-radius-large);
    box-shadow: var(--sb-shadow);
    color: var(--sb-color-text);
    text-decoration: none;
  }
  .tiles a:hover {
    border-color: var(--sb-color-primary);
  }
  .tiles strong {
    display: block;
    font-family: var(--sb-font-family-heading);
    font-size: 1.1rem;
    color: var(--sb-color-primary);
    margin-bottom: 0.25rem;
  }
  .notice {
    max-width: 40rem;
    padding: 1.5rem;
    background: var(--sb-color-surface);
    border: 1px solid var(--sb-color-border);
    border-radius: var(--sb-radius-large);
    box-shadow: var(--sb-shadow);
    line-height: 1.5;
  }
  .notice p {
    margin: 0 0 0.75rem;
  }
  .notice p:last-child {
    margin: 0;
  }
  a {
    color: var(--sb-color-primary);
  }
  footer {
    grid-area: footer;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.5rem;
    padding: 1rem 1.5rem;
    border-top: 1px solid var(--sb-color-border);
    background: var(--sb-color-surface);
    color: var(--sb-color-text-muted);
    font-size: 0.875rem;
  }
  footer ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.5rem;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  footer a {
    color: inherit;
  }

  @media (max-width: 48rem) {
    /* Four rows here: the main row, not the (often hidden) menu's, takes the height left over. */
    .frame,
    .frame.signed-out {
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: auto auto 1fr auto;
      grid-template-areas: 'header' 'nav' 'main' 'footer';
    }
    header {
      flex-wrap: wrap;
      padding: 0.6rem 1rem;
    }
    .brand img {
      height: 1.9rem;
    }
    .product {
      display: none;
    }
    .menu-toggle {
      display: inline-block;
      margin-left: auto;
    }
    .menu-toggle + .notifications {
      margin-left: 0;
    }
    .user {
      order: 3;
      width: 100%;
      margin: 0;
      justify-content: start;
      text-align: start;
    }
    nav {
      border-right: 0;
      border-bottom: 1px solid var(--sb-color-border);
      padding: 0.5rem;
    }
    nav:not(.open) {
      display: none;
    }
    main {
      padding: 1.25rem 1rem 2rem;
    }
    h1 {
      font-size: 1.4rem;
    }
  }
`;
