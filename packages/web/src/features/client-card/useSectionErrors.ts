import { useFormErrors } from '../../ui/formErrors';

/** Errors of a card section: those of the inputs it renders (`owns`) under them, the rest in its alert. */
export const useSectionErrors = (owns: (field: string) => boolean) => useFormErrors(owns);

export type SectionErrors = ReturnType<typeof useSectionErrors>;
