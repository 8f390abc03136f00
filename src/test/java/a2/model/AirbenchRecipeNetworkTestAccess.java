package a2.model;

/** The airbench test recipe and whitening of {@link AirbenchRecipeNetworkTest}, for tests of other packages. */
public final class AirbenchRecipeNetworkTestAccess {
    private AirbenchRecipeNetworkTestAccess() {}

    public static a2.recipe.Recipe recipe() {
        return AirbenchRecipeNetworkTest.recipe();
    }

    public static PatchWhitening whitening() {
        return AirbenchRecipeNetworkTest.whitening();
    }
}
