package io.tenantra.platform.text;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.Size;
import java.util.Collection;
import java.util.Map;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code @Size} on text counts code points, not UTF-16 units, everywhere: the built-in validator
 * would count an emoji as two characters and a limit of 200 would really be 100 for some
 * languages' users. Hibernate Validator's own validators for {@code @Size} are replaced by these,
 * which count text in code points and collections, maps and arrays as usual.
 */
@Configuration(proxyBeanMethods = false)
class CodePointSize {

    @Bean
    ValidationConfigurationCustomizer sizeInCodePoints() {
        return configuration -> {
            if (configuration instanceof HibernateValidatorConfiguration hibernate) {
                ConstraintMapping mapping = hibernate.createConstraintMapping();
                mapping.constraintDefinition(Size.class)
                        .includeExistingValidators(false)
                        .validatedBy(OfText.class)
                        .validatedBy(OfCollection.class)
                        .validatedBy(OfMap.class)
                        .validatedBy(OfArray.class);
                hibernate.addMapping(mapping);
            }
        };
    }

    private abstract static class Bounded<T> implements ConstraintValidator<Size, T> {
        private int min;
        private int max;

        @Override
        public void initialize(Size size) {
            this.min = size.min();
            this.max = size.max();
        }

        @Override
        public boolean isValid(T value, ConstraintValidatorContext context) {
            if (value == null) {
                return true; // as with every built-in constraint, null is @NotNull's business
            }
            int size = sizeOf(value);
            return size >= min && size <= max;
        }

        abstract int sizeOf(T value);
    }

    /** Text: code points. */
    public static final class OfText extends Bounded<CharSequence> {
        @Override
        int sizeOf(CharSequence value) {
            return TextRules.length(value);
        }
    }

    /** Collections: elements. */
    public static final class OfCollection extends Bounded<Collection<?>> {
        @Override
        int sizeOf(Collection<?> value) {
            return value.size();
        }
    }

    /** Maps: entries. */
    public static final class OfMap extends Bounded<Map<?, ?>> {
        @Override
        int sizeOf(Map<?, ?> value) {
            return value.size();
        }
    }

    /** Object arrays: elements. */
    public static final class OfArray extends Bounded<Object[]> {
        @Override
        int sizeOf(Object[] value) {
            return value.length;
        }
    }
}
