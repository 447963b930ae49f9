import { defineRule } from '../../src/engine';
import { exposedPorts } from './expose';

export default defineRule({
  meta: {
    id: 'expose-valid-format',
    aliases: ['ExposeInvalidFormat'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags EXPOSE ports with an IP address or a host-port mapping (`127.0.0.1:80:80`, `8080:80`).',
      rationale:
        'EXPOSE only documents which container ports the image listens on; binding to a host address or port is ' +
        'decided at `docker run -p` time. BuildKit silently drops the host part today and will reject it in a future release.',
      bad: 'FROM nginx:1.27\nEXPOSE 127.0.0.1:80:80\nEXPOSE 8080:80/tcp\n',
      good: 'FROM nginx:1.27\nEXPOSE 80\nEXPOSE 80/tcp 443\n',
      notes:
        'Same check as BuildKit\'s ExposeInvalidFormat, after expanding variables with known values; one finding per ' +
        'port spec. `valid-expose-port` (DL3011) checks the port numbers themselves.',
    },
  },
  create(context) {
    return {
      EXPOSE(expose) {
        for (const spec of exposedPorts(context, expose)) {
          if (spec.ip === '' && spec.hostPort === '') continue;
          context.report({
            node: spec.word,
            message: `EXPOSE ${spec.raw} names ${spec.ip ? 'an IP address' : 'a host port'}; expose only the container port (${spec.containerPort}${spec.proto ? `/${spec.proto.toLowerCase()}` : ''}) and map it with docker run -p.`,
          });
        }
      },
    };
  },
});
