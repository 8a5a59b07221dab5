import { useState, type FormEvent } from 'react';
import { useCycles, useStandardOptions, type ReviewItemRequest } from '../../api/improvement';
import { fieldMessages, type Problem } from '../../api/problem';
import TextInput from '../../components/TextInput';
import SelectField from '../../components/SelectField';
import TextArea from '../../components/TextArea';

interface Props {
  pending: boolean;
  problem: Problem | null;
  onAdd: (item: ReviewItemRequest, done: () => void) => void;
}

/** AddItemForm adds an agenda item by hand: a cycle, a standard, or other business. */
export default function AddItemForm({ pending, problem, onAdd }: Props) {
  const [kind, setKind] = useState<'other' | 'cycle' | 'standard'>('other');
  const [entity, setEntity] = useState('');
  const [title, setTitle] = useState('');
  const [detail, setDetail] = useState('');
  const cycles = useCycles({ limit: 500 });
  const standards = useStandardOptions();
  const errors = fieldMessages(problem, { entity_id: 'item-entity', title: 'item-title', detail: 'item-detail', kind: 'item-kind' });

  function submit(e: FormEvent) {
    e.preventDefault();
    const body: ReviewItemRequest = kind === 'other' ? { kind, title, detail } : { kind, entity_id: entity, detail };
    onAdd(body, () => {
      setEntity('');
      setTitle('');
      setDetail('');
    });
  }
  const options =
    kind === 'cycle'
      ? (cycles.data ?? []).map((c) => ({ value: c.id, label: c.title }))
      : (standards.data ?? []).map((s) => ({ value: s.id, label: `${s.code} ${s.title}` }));
  return (
    <form onSubmit={submit} noValidate className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m">Add an item by hand</h2>
        <SelectField
          id="item-kind"
          label="About"
          value={kind}
          options={[
            { value: 'other', label: 'Other business' },
            { value: 'cycle', label: 'A cycle' },
            { value: 'standard', label: 'A standard' },
          ]}
          error={errors['item-kind']}
          onChange={(e) => {
            setKind(e.target.value as typeof kind);
            setEntity('');
          }}
        />
        {kind === 'other' ? (
          <TextInput id="item-title" label="Title" value={title} error={errors['item-title']} onChange={(e) => setTitle(e.target.value)} />
        ) : (
          <SelectField
            id="item-entity"
            label={kind === 'cycle' ? 'Cycle' : 'Standard'}
            value={entity}
            placeholder="Choose one"
            options={options}
            error={errors['item-entity']}
            onChange={(e) => setEntity(e.target.value)}
          />
        )}
        <TextArea id="item-detail" label="Detail (optional)" rows={2} value={detail} error={errors['item-detail']} onChange={(e) => setDetail(e.target.value)} />
        <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit" disabled={pending}>
          Add to the agenda
        </button>
      </div>
    </form>
  );
}
