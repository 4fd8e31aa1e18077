/**
 * @switchboard/sdk/web: what a plugin's browser code is written against. The web-plugin contract
 * (WebModule, ShellServices), the API client, and the UI kit: Lit elements named sb-*, styled only
 * with the theme's --sb-* custom properties. Importing this module defines the elements.
 */
export * from './contract.js';
export * from './api-client.js';
export * from './styles.js';
export * from './form.js';
export { define as defineElement } from './define.js';
export { compareValues, cellText, type CellValue } from './sort.js';
export { niceTicks, timeTicks } from './chart-scale.js';
export { SbButton, type ButtonVariant } from './button.js';
export { SbDataTable, type Column, type SortDirection } from './data-table.js';
export { SbField, type FieldOption } from './field.js';
export { SbDialog } from './dialog.js';
export { SbToast } from './toast.js';
export { SbChart, type ChartPoint, type ChartSeries } from './chart.js';
export { SbEmptyState } from './empty-state.js';
export { SbErrorState } from './error-state.js';
/**
 * Lit itself, so a plugin's elements use the very copy the kit uses (one shared chunk in the
 * browser) and a plugin need not depend on lit on its own.
 */
export { LitElement, html, css, svg, nothing, type PropertyValues, type TemplateResult } from 'lit';
