import type { Config } from '../config/index.ts';
import type { FieldErrors } from '../forms/index.ts';
import { interpolate } from '../i18n/index.ts';
import { FileField, type ViewContext } from '../views/index.ts';
import { formatSize, kindNames, uploadMessages } from './uploads.messages.ts';
import { effectiveField, type UploadPolicy } from './uploads.policy.ts';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg,.jpeg',
  'image/png': '.png',
  'image/webp': '.webp',
  'image/avif': '.avif',
  'application/pdf': '.pdf',
};

interface UploadFieldProps {
  view: ViewContext;
  config: Config;
  policy: UploadPolicy;
  /** The file input's name: a key of `policy.fields`. */
  name: string;
  label: string;
  errors?: FieldErrors;
}

/**
 * A file field as its policy allows it: the picker offers the accepted types, the hint names
 * them with the size and count limits, and a form sent back with messages asks to choose the
 * file again (browsers never keep a chosen file). The form needs `enctype="multipart/form-data"`.
 */
export function UploadField({ view, config, policy, name, label, errors }: UploadFieldProps) {
  const declared = policy.fields[name];
  if (!declared) throw new Error(`upload policy ${policy.purpose} has no field ${name}`);
  const field = effectiveField(config, declared);
  const L = view.locale;
  const params = { kinds: kindNames(field.accept, L), size: formatSize(field.maxBytes, L), n: field.maxFiles };
  const hint = interpolate(uploadMessages[field.maxFiles > 1 ? 'hintMany' : 'hint'][L], params);
  const accept = field.mediaTypes
    .flatMap((t) => [t, EXTENSIONS[t] ?? ''])
    .filter(Boolean)
    .join(',');
  return (
    <FileField
      view={view}
      name={name}
      label={label}
      hint={hint}
      required={field.required}
      errors={errors ?? {}}
      accept={accept}
      multiple={field.maxFiles > 1}
      chooseAgain={uploadMessages.chooseAgain[L]}
    />
  );
}
