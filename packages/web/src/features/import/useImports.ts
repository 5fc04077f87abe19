import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClientType, ImportJobDto, ImportPreviewBody } from '@kontakt/shared';
import { importApi } from './importApi';
import { isFinished } from './importModel';

export const importsKey = ['imports'] as const;

export function useRecentImports() {
  return useQuery({ queryKey: [...importsKey, 'recent'], queryFn: importApi.recent });
}

export function useUploadImport() {
  return useMutation({ mutationFn: ({ file, objectType }: { file: File; objectType: ClientType }) => importApi.upload(file, objectType) });
}

export function usePreviewImport(id: string | undefined) {
  return useMutation({ mutationFn: (body: ImportPreviewBody) => importApi.preview(id!, body) });
}

export function useCommitImport(id: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Required<Pick<ImportPreviewBody, 'mapping' | 'duplicateStrategy'>>) => importApi.commit(id!, body),
    onSuccess: (job) => {
      client.setQueryData([...importsKey, 'one', job.id], job);
      void client.invalidateQueries({ queryKey: [...importsKey, 'recent'] });
    },
  });
}

/** The job while it runs: asks again every second until it is done, failed or rejected. */
export function useImportJob(id: string | undefined) {
  const client = useQueryClient();
  return useQuery({
    queryKey: [...importsKey, 'one', id],
    queryFn: async () => {
      const job = await importApi.get(id!);
      if (isFinished(job.status)) {
        void client.invalidateQueries({ queryKey: [...importsKey, 'recent'] });
        // New organizations and persons appear in their lists and counts.
        void client.invalidateQueries({ queryKey: ['organizations'] });
        void client.invalidateQueries({ queryKey: ['persons'] });
      }
      return job;
    },
    enabled: Boolean(id),
    refetchInterval: (query) => {
      const job = query.state.data as ImportJobDto | undefined;
      return job && isFinished(job.status) ? false : 1000;
    },
  });
}
