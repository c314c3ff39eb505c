/**
 * Small labelled form fields for the lab controls. Every field has a visible <label> bound to its
 * input, so its accessible name is the label text (DESIGN.md lists the names).
 */
import { useId, useState } from 'react';

/** A select over `values`; a value outside the list (from a shared link) is shown too. */
export function SelectField<T extends string | number>(props: {
  label: string;
  value: T;
  values: readonly T[];
  format?: (v: T) => string;
  onChange: (v: T) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const { label, value, format = String, onChange, disabled } = props;
  const values = props.values.includes(value) ? props.values : [...props.values, value];
  return (
    <div className="lab-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={String(value)}
        disabled={disabled}
        onChange={(e) => {
          const v = values.find((x) => String(x) === e.target.value);
          if (v !== undefined) onChange(v);
        }}
      >
        {values.map((v) => (
          <option key={String(v)} value={String(v)}>
            {format(v)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A checkbox with its label to the right. */
export function CheckField(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="lab-field lab-check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}

/** A range slider with its value printed next to it. */
export function RangeField(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  unit: string;
  onChange: (v: number) => void;
}) {
  const id = useId();
  const text = `${props.value} ${props.unit}`;
  return (
    <div className="lab-field lab-range">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="range"
        min={props.min}
        max={props.max}
        step={1}
        value={props.value}
        aria-valuetext={text}
        onChange={(e) => props.onChange(Number(e.target.value))}
      />
      <output htmlFor={id}>{text}</output>
    </div>
  );
}

/** An integer field that accepts a value only when it is valid; the typed text stays editable. */
export function IntField(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (v: number) => void;
}) {
  const id = useId();
  const [text, setText] = useState(String(props.value));
  // Follow outside changes (a preset, a link) without an effect: adjust state during render.
  const [shownValue, setShownValue] = useState(props.value);
  if (shownValue !== props.value) {
    setShownValue(props.value);
    setText(String(props.value));
  }
  const valid = (t: string) => /^\d+$/.test(t) && Number(t) >= props.min && Number(t) <= props.max;
  return (
    <div className="lab-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        value={text}
        aria-invalid={!valid(text)}
        onChange={(e) => {
          setText(e.target.value);
          if (valid(e.target.value)) props.onChange(Number(e.target.value));
        }}
      />
    </div>
  );
}
