package a2.augment;

/**
 * The operations RandAugment draws from for FixMatch's strong view (Sohn et al. 2020, table 12, "RA": each with a
 * magnitude drawn uniformly over its range), less the ones the fixed pipeline already applies to every strong view
 * with a random magnitude: rotation, translation, brightness, contrast and colour (saturation) are in
 * {@link Augmenter}'s geometry and colour jitter, and cutout follows every view. What is left are the operations the
 * pipeline cannot produce. Each maps a magnitude {@code m} in [0, 1) onto the paper's range.
 */
public enum RandAugmentOp {
    /** Leaves the image as it is: one draw in eight keeps the operation slot empty, as in the paper's list. */
    IDENTITY {
        @Override
        void apply(float[] img, float[] scratch, int side, double m) {}
    },
    AUTO_CONTRAST {
        @Override
        void apply(float[] img, float[] scratch, int side, double m) {
            Transforms.autoContrast(img, side, side);
        }
    },
    EQUALIZE {
        @Override
        void apply(float[] img, float[] scratch, int side, double m) {
            Transforms.equalize(img, side, side);
        }
    },
    /** Bits kept in [4, 8]. */
    POSTERIZE {
        @Override
        void apply(float[] img, float[] scratch, int side, double m) {
            Transforms.posterize(img, 4 + (int) (m * 5));
        }
    },
    /** Threshold in [0, 1]: 0 inverts the whole image. */
    SOLARIZE {
        @Override
        void apply(float[] img, float[] scratch, int side, double m) {
            Transforms.solarize(img, m);
        }
    },
    /** Blend factor in [0.05, 0.95]: from nearly the smoothed image to nearly the original (the paper's range blurs only). */
    SHARPNESS {
        @Override
        void apply(float[] img, float[] scratch, int side, double m) {
            Transforms.sharpness(img, scratch, side, side, 0.05 + 0.9 * m);
        }
    },
    /** Shear in [-0.3, 0.3]. */
    SHEAR_X {
        @Override
        void apply(float[] img, float[] scratch, int side, double m) {
            Transforms.shear(img, scratch, side, side, -0.3 + 0.6 * m, 0);
            System.arraycopy(scratch, 0, img, 0, img.length);
        }
    },
    SHEAR_Y {
        @Override
        void apply(float[] img, float[] scratch, int side, double m) {
            Transforms.shear(img, scratch, side, side, 0, -0.3 + 0.6 * m);
            System.arraycopy(scratch, 0, img, 0, img.length);
        }
    };

    /** Applies the operation at magnitude {@code m} in [0, 1) to {@code img} (CHW, side x side) in place. */
    abstract void apply(float[] img, float[] scratch, int side, double m);
}
