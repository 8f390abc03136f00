package a2.model.layers;

import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import java.util.List;

/**
 * Batch normalization whose scale is fixed at 1 and whose shift learns with its own updater (airbench's BatchNorm:
 * {@code weight.requires_grad = False}, biases at 64 times the weights' learning rate). DL4J's
 * {@link BatchNormalization} gives gamma and beta the layer's updater and ignores {@code biasUpdater}; here beta takes
 * {@code biasUpdater} (the layer's updater when none is set) and gamma an updater of rate 0, which leaves it at its
 * initial 1 ({@code NoOp} would not: DL4J then applies the raw gradient). The running mean and variance keep DL4J's
 * own rule.
 */
public class ShiftBatchNorm extends BatchNormalization {
    /** For JSON and the builder below. */
    public ShiftBatchNorm() {
        super();
    }

    /** @param decay DL4J's running-statistics decay: the weight of the old value (airbench's momentum 0.6 = 1 - 0.4) */
    public static ShiftBatchNorm of(String name, double decay, double eps, IUpdater shiftUpdater) {
        return of(name, decay, eps, shiftUpdater, 0);
    }

    /** @param shiftL2 L2 on the shift (DL4J's batch norm regularises neither gamma nor beta) */
    public static ShiftBatchNorm of(String name, double decay, double eps, IUpdater shiftUpdater, double shiftL2) {
        ShiftBatchNorm bn = new ShiftBatchNorm();
        if (shiftL2 > 0) {
            bn.setRegularizationBias(new java.util.ArrayList<>(List.of(new L2Regularization(shiftL2))));
        }
        bn.setLayerName(name);
        bn.setDecay(decay);
        bn.setEps(eps);
        bn.setGamma(1.0);
        bn.setBiasUpdater(shiftUpdater);
        return bn;
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return switch (paramName) {
            case BatchNormalizationParamInitializer.GAMMA -> new Sgd(0.0);
            case BatchNormalizationParamInitializer.BETA -> getBiasUpdater() != null ? getBiasUpdater() : getIUpdater();
            default -> super.getUpdaterByParam(paramName);
        };
    }

    /** The shift takes the layer's bias regularisation; DL4J's batch norm gives its parameters none. */
    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return BatchNormalizationParamInitializer.BETA.equals(paramName) ? getRegularizationBias() : null;
    }

    @Override
    public ShiftBatchNorm clone() {
        return (ShiftBatchNorm) super.clone();
    }
}
