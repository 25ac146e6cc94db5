/**
 * The public face of core/views: page layouts, form controls, tables, charts and the staff
 * frame. Modules import from this file only (dependency rule `module-through-index`).
 */
export { BarChart, type BarDatum } from './charts.tsx';
export { type Column, DataTable } from './data-table.tsx';
export {
  CheckboxField,
  CheckboxGroup,
  ErrorSummary,
  FileField,
  Form,
  fieldId,
  HONEYPOT_FIELD,
  Honeypot,
  type Option,
  RadioGroup,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from './forms.tsx';
export { Layout } from './layout.tsx';
export { escapeHtml, type MarkdownAllowance, type MarkdownOptions, markdownToSafeHtml } from './markdown.ts';
export { Menu, type MenuLink } from './menu.tsx';
export { type NavItem, sortNavigation } from './navigation.ts';
export { renderDocument, sendPage } from './render.ts';
export { type GlossaryLinks, RichText } from './rich-text.tsx';
export { staffFrame, staffNavigation } from './staff-frame.ts';
export { staffLayoutMessages } from './staff-layout.messages.ts';
export { type StaffFrame, StaffLayout } from './staff-layout.tsx';
export { staffPage } from './staff-page.ts';
export { createViewContext, type SiteFrame, type ViewContext, viewContextFor } from './view-context.ts';
