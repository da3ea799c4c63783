import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import {
  WORDPRESS_IMAGE_TAG_EXAMPLE,
  isWordpressImageTag,
  WORDPRESS_IMAGE_TAG_PROBLEM,
} from '../../../../src-shared/rules/image-tag-rule';
import {
  MEMORY_LIMIT_EXAMPLE,
  MEMORY_LIMIT_PROBLEM,
  isMemoryLimit,
} from '../../../../src-shared/rules/memory-limit-rule';
import {
  WOOCOMMERCE_VERSION_EXAMPLE,
  WOOCOMMERCE_VERSION_PROBLEM,
  isWoocommerceVersion,
} from '../../../../src-shared/rules/woocommerce-version-rule';
import type { UpgradeInput } from '../../../../src-shared/types/service-types';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { Button } from '../ui/button';
import { inputClass } from '../ui/dialog';

interface Field {
  key: 'wordpressImageTag' | 'woocommerceVersion' | 'memoryLimit';
  label: string;
  placeholder: string;
  accepts: (value: string) => boolean;
  problem: string;
}

// The same rules main applies (src-shared/rules); main still decides whether the values exist.
const FIELDS: Field[] = [
  {
    key: 'wordpressImageTag',
    label: 'WordPress image tag',
    placeholder: WORDPRESS_IMAGE_TAG_EXAMPLE,
    accepts: isWordpressImageTag,
    problem: WORDPRESS_IMAGE_TAG_PROBLEM,
  },
  {
    key: 'woocommerceVersion',
    label: 'WooCommerce version',
    placeholder: WOOCOMMERCE_VERSION_EXAMPLE,
    accepts: isWoocommerceVersion,
    problem: WOOCOMMERCE_VERSION_PROBLEM,
  },
  {
    key: 'memoryLimit',
    label: 'Memory limit',
    placeholder: MEMORY_LIMIT_EXAMPLE,
    accepts: isMemoryLimit,
    problem: MEMORY_LIMIT_PROBLEM,
  },
];

type Values = Record<Field['key'], string>;

export function UpgradeForm({
  storeId,
  disabled,
  onDone,
}: {
  storeId: string;
  disabled: boolean;
  onDone: () => void;
}): React.JSX.Element {
  const api = useApi();
  const id = useId();
  const [values, setValues] = useState<Values>({
    wordpressImageTag: '',
    woocommerceVersion: '',
    memoryLimit: '',
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problems = FIELDS.filter((f) => values[f.key] && !f.accepts(values[f.key]));
  const empty = FIELDS.every((f) => !values[f.key].trim());
  const canSubmit = !disabled && !busy && !empty && problems.length === 0;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!canSubmit) return;
    const input: UpgradeInput = { storeId };
    for (const f of FIELDS) if (values[f.key]) input[f.key] = values[f.key];
    setBusy(true);
    setError(null);
    try {
      await api.upgradeStore(input);
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(e) => void submit(e)}
      className="flex flex-col gap-2"
      noValidate
      data-testid="upgrade-form"
    >
      <p className="text-xs text-muted">Leave a field empty to keep its current value.</p>
      {FIELDS.map((f) => {
        const bad = problems.includes(f);
        return (
          <label
            key={f.key}
            htmlFor={`${id}-${f.key}`}
            className="grid grid-cols-[9rem_1fr] items-center gap-2"
          >
            <span>{f.label}</span>
            <input
              id={`${id}-${f.key}`}
              data-testid={`upgrade-${f.key}`}
              className={`${inputClass} font-mono`}
              placeholder={f.placeholder}
              value={values[f.key]}
              aria-invalid={bad || undefined}
              onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value.trim() }))}
            />
            {bad ? <span className="col-start-2 text-xs text-failed">{f.problem}</span> : null}
          </label>
        );
      })}
      {error ? (
        <p role="alert" className="whitespace-pre-wrap text-failed">
          {error}
        </p>
      ) : null}
      <Button
        type="submit"
        variant="primary"
        disabled={!canSubmit}
        className="self-end"
        data-testid="upgrade-submit"
      >
        {busy ? 'Upgrading…' : 'Upgrade'}
      </Button>
    </form>
  );
}
