import { Modal } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useFormErrors } from '../../ui/formErrors';
import { notifySuccess } from '../../ui/notify';
import { UserForm } from './UserForm';
import { emptyUserValues, toCreateBody, USER_FORM_FIELDS } from './userModel';
import { useCreateUser } from './useUsers';

export function UserCreateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const errors = useFormErrors(USER_FORM_FIELDS);
  const create = useCreateUser();

  const close = () => {
    errors.clear();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('users.newUser')} size="xl" fullScreen={false}>
      <UserForm
        mode="create"
        initial={emptyUserValues({ language: session.user.language, timeZone: session.user.timeZone })}
        submitting={create.isPending}
        errorFor={errors.errorFor}
        problem={errors.problem}
        onChangeField={errors.clearField}
        onCancel={close}
        onSubmit={(values) => {
          errors.clear();
          create.mutate(toCreateBody(values), {
            // Stay on the list: the new row shows up there, and adding several people in a row stays quick.
            onSuccess: (user) => {
              notifySuccess(t('users.created', { name: user.name }));
              close();
            },
            onError: errors.handle,
          });
        }}
      />
    </Modal>
  );
}
