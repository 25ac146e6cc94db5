import type { CliCommand } from '../../core/module.ts';

export const newsletterCommands: CliCommand[] = [
  {
    name: 'newsletter send',
    summary: 'Send (or resume) a campaign that is sending, until no mail is due',
    usage: 'newsletter send <campaign-id>',
    run: async (args, ctx) => {
      const id = args[0];
      if (!id || !/^[0-9a-f-]{36}$/i.test(id)) {
        console.error('usage: newsletter send <campaign-id>');
        return 2;
      }
      const { sendCampaign } = await import('./newsletter.send.ts');
      const report = await sendCampaign(ctx, id);
      console.log(JSON.stringify(report));
      return 0;
    },
  },
];
