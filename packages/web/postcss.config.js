// Mantine's mixins and rem() helpers in our CSS modules.
export default {
  plugins: {
    'postcss-preset-mantine': {},
  },
};
